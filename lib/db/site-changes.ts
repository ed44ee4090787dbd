import pg from 'pg';

// Triggers on Site and on what the bot reads of a site per message (migrations *_site_changed_notify
// and *_site_content_changed_notify) notify this channel with the site's id, from any code path.
const SITE_CHANGED_CHANNEL = 'hearth_site_changed';

interface SiteWatcher {
  /** The site (or something of it) changed on some node: forget what is cached of it. */
  changed(siteId: string): void;
  /** Changes may go unheard until listening again: forget everything. */
  lost(): void;
}

// Per module graph (server.ts and Next's bundle each have their caches): one listener each.
const watchers = new Set<SiteWatcher>();
let listener: Promise<pg.Client> | undefined;
let listening = false;

/**
 * Tells `watcher` of every site change on any node; returns whether changes are heard now (cache
 * nothing while they are not), which starts listening on first use (DATABASE_URL is set by then).
 */
export function watchSiteChanges(watcher: SiteWatcher): () => boolean {
  watchers.add(watcher);
  return () => {
    listen();
    return listening;
  };
}

function listen(): void {
  if (listener) return;
  listener = (async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const lost = () => {
      listening = false;
      listener = undefined;
      for (const watcher of watchers) watcher.lost();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', ({ channel, payload }) => {
      if (channel !== SITE_CHANGED_CHANNEL || !payload) return;
      for (const watcher of watchers) watcher.changed(payload);
    });
    await client.connect();
    await client.query(`listen ${SITE_CHANGED_CHANNEL}`);
    listening = true;
    return client;
  })();
  listener.catch((error: Error) => {
    console.error(`sites: cannot listen for site changes: ${error.message}`);
    listener = undefined;
  });
}

/** Sites whose data one cache holds before it starts over (bounds memory with many sites). */
const MAX_SITES = 10_000;

export interface SiteCache<T> {
  read(siteId: string): Promise<T>;
  /** Drops what is kept of the site on this node (it no longer fits what this node runs). */
  forget(siteId: string): void;
}

/**
 * What `load` reads of a site, read once and kept until the site changes on any node. Nothing is
 * kept while changes cannot be heard; a load that a change overtakes is not kept either.
 */
export function siteCache<T>(load: (siteId: string) => Promise<T>): SiteCache<T> {
  const bySite = new Map<string, Promise<T>>();
  const heard = watchSiteChanges({
    changed: (siteId) => bySite.delete(siteId),
    lost: () => bySite.clear(),
  });
  return {
    read: (siteId) => {
      const cached = bySite.get(siteId);
      if (cached) return cached;
      const loading = load(siteId);
      if (!heard()) return loading;
      if (bySite.size >= MAX_SITES) bySite.clear();
      bySite.set(siteId, loading);
      loading.catch(() => {
        if (bySite.get(siteId) === loading) bySite.delete(siteId);
      });
      return loading;
    },
    forget: (siteId) => bySite.delete(siteId),
  };
}
