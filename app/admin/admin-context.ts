import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { requireMember } from '@/lib/auth';
import { listSites, type SiteView } from '@/lib/sites';

export const ADMIN_SITE_COOKIE = 'hearth_admin_site';

/**
 * Every admin page: the signed-in admin (others are sent away), the workspace's sites, and the one
 * being worked on (remembered in a cookie, always re-checked against the workspace).
 */
export const adminContext = cache(async () => {
  const member = await requireMember({ role: 'admin' });
  const sites = await listSites(member.workspaceId);
  const chosen = (await cookies()).get(ADMIN_SITE_COOKIE)?.value;
  const site: SiteView | undefined = sites.find((s) => s.id === chosen) ?? sites[0];
  return { member, sites, site };
});

/** For pages that need a site: without any, the admin starts by creating one. */
export async function adminSiteContext() {
  const context = await adminContext();
  if (!context.site) redirect('/admin/sites');
  return { ...context, site: context.site };
}
