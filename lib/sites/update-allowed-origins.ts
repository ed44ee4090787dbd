import { db } from '@/lib/db';
import { AllowedOriginsSchema } from '@/lib/schemas/site-admin';
import { recordSiteChange } from './site-settings-audit';
import { requireWorkspaceSite, type Admin } from './workspace-site';

/** Where the widget may be embedded; the widget refuses to start on any other origin. */
export async function updateAllowedOrigins(
  admin: Admin,
  siteId: string,
  input: unknown,
): Promise<{ allowedOrigins: string[] }> {
  const { allowedOrigins } = AllowedOriginsSchema.parse(input);
  await db().$transaction(async (tx) => {
    await requireWorkspaceSite(admin, siteId, tx);
    await tx.site.update({ where: { id: siteId }, data: { allowedOrigins } });
    await recordSiteChange(tx, admin, siteId, 'site.origins_changed', { allowedOrigins });
  });
  return { allowedOrigins };
}
