import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { recordSiteChange } from './site-settings-audit';
import { requireWorkspaceSite, type Admin } from './workspace-site';

/**
 * A new identity-verification secret: visitor ids signed with the old one stop verifying at once,
 * so the host site's server must switch to the new secret.
 */
export async function rotateIdentitySecret(
  admin: Admin,
  siteId: string,
): Promise<{ identitySecret: string }> {
  const identitySecret = randomBytes(32).toString('hex');
  await db().$transaction(async (tx) => {
    await requireWorkspaceSite(admin, siteId, tx);
    await tx.site.update({ where: { id: siteId }, data: { identitySecret } });
    // The secret itself never goes into the audit log.
    await recordSiteChange(tx, admin, siteId, 'site.identity_secret_rotated');
  });
  return { identitySecret };
}
