import { db } from '@/lib/db';
import { RetentionSettingSchema } from '@/lib/schemas/webhook';
import { recordSiteChange } from './site-settings-audit';
import { requireWorkspaceSite, type Admin } from './workspace-site';

/** How long the site keeps quiet conversations (lib/retention deletes older ones daily); null: forever. */
export async function updateRetention(
  admin: Admin,
  siteId: string,
  input: unknown,
): Promise<{ retentionDays: number | null }> {
  const { retentionDays } = RetentionSettingSchema.parse(input);
  await db().$transaction(async (tx) => {
    await requireWorkspaceSite(admin, siteId, tx);
    await tx.site.update({ where: { id: siteId }, data: { retentionDays } });
    await recordSiteChange(tx, admin, siteId, 'site.retention_changed', { retentionDays });
  });
  return { retentionDays };
}
