import { db } from '@/lib/db';
import { SiteDetailsSchema } from '@/lib/schemas/site-admin';
import { recordSiteChange } from './site-settings-audit';
import { requireWorkspaceSite, type Admin } from './workspace-site';

/** Name and language (the language picks the preprocessing the next training uses). */
export async function updateSiteDetails(
  admin: Admin,
  siteId: string,
  input: unknown,
): Promise<void> {
  const details = SiteDetailsSchema.parse(input);
  await db().$transaction(async (tx) => {
    const site = await requireWorkspaceSite(admin, siteId, tx);
    await tx.site.update({ where: { id: siteId }, data: details });
    await recordSiteChange(tx, admin, siteId, 'site.details_changed', {
      from: { name: site.name, language: site.language },
      to: details,
    });
  });
}
