import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { ChatWidget } from '@/components/widget/chat-widget';
import { pickLanguage, WIDGET_STRINGS } from '@/components/widget/strings';
import { findSiteByKey, isAllowedOrigin, normalizeOrigin } from '@/lib/conversations';
import { ownHosts } from '@/lib/auth';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Chat', robots: { index: false } };

/**
 * The chat inside the widget's iframe: /embed/SITE_KEY?origin=HOST_ORIGIN&page=URL. proxy.ts
 * sends `frame-ancestors` with the site's allowed origins, so only those pages can frame it.
 */
export default async function EmbedPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteKey: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { siteKey } = await params;
  const query = await searchParams;
  const requestHeaders = await headers();
  const site = await findSiteByKey(siteKey);
  const requestedOrigin = typeof query.origin === 'string' ? normalizeOrigin(query.origin) : null;
  const hostOrigin = requestedOrigin ?? `http://${requestHeaders.get('host')}`;
  const language = pickLanguage(requestHeaders.get('accept-language'), site?.language ?? 'en');
  if (!site || !isAllowedOrigin(site, hostOrigin, ownHosts(requestHeaders.get('host')))) {
    return (
      <p role="alert" className="p-6 text-sm text-stone-600">
        {WIDGET_STRINGS[language].refused}
      </p>
    );
  }
  const page = typeof query.page === 'string' ? query.page.slice(0, 2000) : null;
  return (
    <ChatWidget
      siteKey={site.publicKey}
      hostOrigin={hostOrigin}
      pageUrl={page}
      language={language}
      settings={site.widgetSettings}
      // The site's own wording is in the site's language; otherwise the widget's translation.
      offlineMessage={language === site.language ? site.botSettings.offlineMessage : ''}
    />
  );
}
