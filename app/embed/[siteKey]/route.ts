import { chatFrameHeaders, ownHosts } from '@/lib/auth';
import { findSiteByKey, isAllowedOrigin, normalizeOrigin } from '@/lib/conversations';
import type { ChatWidgetProps } from '@/components/widget/chat-widget';
import { pickLanguage, WIDGET_STRINGS } from '@/components/widget/strings';
import { chatAssetUrls } from './chat-assets';

export const dynamic = 'force-dynamic';

/**
 * The chat inside the widget's iframe: /embed/SITE_KEY?origin=HOST_ORIGIN&page=URL. A small page
 * that loads the chat's own bundle (scripts/build-widget.ts), with its settings as JSON; only the
 * site's allowed origins may frame it (`frame-ancestors`).
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ siteKey: string }> },
): Promise<Response> {
  const { siteKey } = await params;
  const query = new URL(request.url).searchParams;
  const host = request.headers.get('host');
  const site = await findSiteByKey(siteKey);
  const hostOrigin = normalizeOrigin(query.get('origin') ?? '') ?? `http://${host}`;
  const language = pickLanguage(request.headers.get('accept-language'), site?.language ?? 'en');
  const ancestors = (site?.allowedOrigins ?? []).map(normalizeOrigin).filter((o) => o !== null);
  const headers = {
    ...chatFrameHeaders(request.headers, ["'self'", ...ancestors]),
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  };
  const assets = chatAssetUrls();
  const head =
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<meta name="robots" content="noindex"><title>${escapeHtml(site?.widgetSettings.title ?? 'Chat')}</title>` +
    `<link rel="stylesheet" href="${assets.stylesheet}">`;
  if (!site || !isAllowedOrigin(site, hostOrigin, ownHosts(host))) {
    const refused = `<p role="alert" class="p-6 text-sm text-stone-600">${WIDGET_STRINGS[language].refused}</p>`;
    return new Response(`${head}</head><body>${refused}</body></html>`, { headers });
  }
  const props: ChatWidgetProps = {
    siteKey: site.publicKey,
    hostOrigin,
    pageUrl: query.get('page')?.slice(0, 2000) ?? null,
    language,
    strings: WIDGET_STRINGS[language],
    settings: site.widgetSettings,
    // The site's own wording is in the site's language; otherwise the widget's translation.
    offlineMessage: language === site.language ? site.botSettings.offlineMessage : '',
  };
  return new Response(
    `${head}<script src="${assets.script}" defer></script></head><body>` +
      // Data, not code: the policy runs no inline script; "<" is escaped so no text can close the tag.
      `<script type="application/json" id="hearth-chat">${JSON.stringify(props).replace(/</g, '\\u003c')}</script>` +
      '</body></html>',
    { headers },
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
