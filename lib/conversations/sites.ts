import { db, watchSiteChanges, type Site } from '@/lib/db';
import {
  BotSettingsSchema,
  SiteLanguageSchema,
  WidgetSettingsSchema,
  type BotSettings,
  type SiteLanguage,
  type WidgetSettings,
} from '@/lib/schemas/site';

/** What the widget and the conversation engine need to know about a site. */
export interface WidgetSite {
  id: string;
  workspaceId: string;
  publicKey: string;
  allowedOrigins: string[];
  identitySecret: string;
  visitorTokenSecret: string;
  language: SiteLanguage;
  widgetSettings: WidgetSettings;
  botSettings: BotSettings;
  /** What its enabled webhook endpoints subscribe to (lib/webhooks queues nothing else). */
  webhookEvents: string[];
}

// Every socket connect and bot turn needs the site. Any change to a site row notifies every node
// (a trigger, migration *_site_changed_notify), which forgets it at once; entries also expire.
const CACHE_MS = 60_000;
const byId = new Map<string, { site: WidgetSite | null; until: number }>();
const idByKey = new Map<string, { id: string; until: number }>();
const listening = watchSiteChanges({
  changed: (siteId) => forgetSite(siteId),
  lost: () => {
    byId.clear();
    idByKey.clear();
  },
});

export async function findSite(siteId: string): Promise<WidgetSite | null> {
  const cached = byId.get(siteId);
  if (cached && cached.until > Date.now()) return cached.site;
  const row = await db().site.findUnique({ where: { id: siteId } });
  const site = row ? toWidgetSite(row) : null;
  remember(site, siteId);
  return site;
}

// Site keys are short and URL-safe; anything else is refused before it reaches the database.
const SITE_KEY = /^[\w-]{1,64}$/;

export async function findSiteByKey(publicKey: string): Promise<WidgetSite | null> {
  if (!SITE_KEY.test(publicKey)) return null;
  const cached = idByKey.get(publicKey);
  if (cached && cached.until > Date.now()) return findSite(cached.id);
  const row = await db().site.findUnique({ where: { publicKey } });
  if (!row) return null; // misses are not cached: anyone can ask for endless unknown keys
  const site = toWidgetSite(row);
  if (idByKey.size > 10_000) idByKey.clear();
  if (listening()) idByKey.set(publicKey, { id: site.id, until: Date.now() + CACHE_MS });
  remember(site, site.id);
  return site;
}

/** Drops the cached site; every node does on the site's change notification. */
export function forgetSite(siteId: string): void {
  byId.delete(siteId);
  for (const [key, entry] of idByKey) if (entry.id === siteId) idByKey.delete(key);
}

/**
 * Whether a browser page at `origin` may use the site's widget: the site's allow-list, or this
 * server's own pages (the demo shop, the admin preview).
 */
export function isAllowedOrigin(site: WidgetSite, origin: string, ownHosts: Set<string>): boolean {
  const normalized = normalizeOrigin(origin);
  if (!normalized) return false;
  if (ownHosts.has(new URL(normalized).host)) return true;
  return site.allowedOrigins.some((allowed) => normalizeOrigin(allowed) === normalized);
}

export function normalizeOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin.toLowerCase();
  } catch {
    return null;
  }
}

function remember(site: WidgetSite | null, siteId: string | undefined): void {
  if (!siteId || !listening()) return;
  if (byId.size > 10_000) byId.clear();
  byId.set(siteId, { site, until: Date.now() + CACHE_MS });
}

function toWidgetSite(row: Site): WidgetSite {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    publicKey: row.publicKey,
    allowedOrigins: row.allowedOrigins,
    identitySecret: row.identitySecret,
    visitorTokenSecret: row.visitorTokenSecret,
    language: SiteLanguageSchema.catch('en').parse(row.language),
    // Stored JSON is validated on write; fall back to defaults rather than break the widget.
    widgetSettings: WidgetSettingsSchema.catch(WidgetSettingsSchema.parse({})).parse(
      row.widgetSettings,
    ),
    botSettings: BotSettingsSchema.catch(BotSettingsSchema.parse({})).parse(row.botSettings),
    webhookEvents: row.webhookEvents,
  };
}
