import { randomBytes } from 'node:crypto';
import { forgetSite } from '@/lib/conversations';
import { db } from '@/lib/db';
import { recordSiteChange } from './site-settings-audit';
import { requireWorkspaceSite, type Admin } from './workspace-site';

/**
 * A new secret for the site's visitor tokens: every token issued so far stops verifying, and each
 * widget still holding one is handed a fresh visitor on its next visit (its old chat stays in the
 * inbox). For a leaked token or secret; tokens otherwise expire after VISITOR_TOKEN_TTL_MS.
 */
export async function rotateVisitorTokenSecret(admin: Admin, siteId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    await requireWorkspaceSite(admin, siteId, tx);
    await tx.site.update({
      where: { id: siteId },
      data: { visitorTokenSecret: randomBytes(32).toString('hex') },
    });
    await recordSiteChange(tx, admin, siteId, 'site.visitor_token_secret_rotated');
  });
  // This node at once; other nodes within the site cache's lifetime.
  forgetSite(siteId);
}
