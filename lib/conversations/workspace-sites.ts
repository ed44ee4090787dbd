import { db } from '@/lib/db';

/**
 * The ids of a workspace's sites. Inbox queries filter conversations by these ids rather than by a
 * join to Site, so Postgres walks the (siteId, …, lastMessageAt) indexes in order and stops after a page.
 */
export async function workspaceSiteIds(workspaceId: string): Promise<string[]> {
  const sites = await db().site.findMany({ where: { workspaceId }, select: { id: true } });
  return sites.map((site) => site.id);
}
