import { createHash } from 'node:crypto';
import { ownHosts } from '@/lib/auth';
import { findSiteByKey, isAllowedOrigin } from '@/lib/conversations';
import { launcherAppearance } from '@/components/widget/launcher-appearance';
import { pickLanguage, WIDGET_STRINGS } from '@/components/widget/strings';

export const dynamic = 'force-dynamic';

// Asked on every page view of every visitor: the browser keeps it this long, then revalidates it
// with its ETag (a settings change shows within this time).
const MAX_AGE_S = 300;

/**
 * The launcher's look for the loader on the host page, in the browser's language: public data,
 * but only for pages the site allows (others get no launcher, as they get no chat).
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ siteKey: string }> },
): Promise<Response> {
  const { siteKey } = await params;
  const origin = request.headers.get('origin');
  const site = await findSiteByKey(siteKey);
  // A same-origin request sends no Origin; the chat itself checks the page again.
  const allowed =
    site && (!origin || isAllowedOrigin(site, origin, ownHosts(request.headers.get('host'))));
  const headers: Record<string, string> = {
    vary: 'Origin, Accept-Language',
    ...(origin && allowed ? { 'access-control-allow-origin': origin } : {}),
  };
  if (!site || !allowed) {
    return Response.json({ error: { code: 'forbidden' } }, { status: 403, headers });
  }
  const language = pickLanguage(request.headers.get('accept-language'), site.language);
  const body = JSON.stringify(launcherAppearance(site.widgetSettings, WIDGET_STRINGS[language]));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
  headers['cache-control'] = `public, max-age=${MAX_AGE_S}`;
  headers.etag = etag;
  if (request.headers.get('if-none-match') === etag) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { headers: { ...headers, 'content-type': 'application/json' } });
}
