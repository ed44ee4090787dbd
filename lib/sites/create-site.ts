import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { CreateSiteSchema } from '@/lib/schemas/site-admin';
import { recordSiteChange } from './site-settings-audit';
import { assertAdmin, type Admin } from './workspace-site';

/** A new website for the widget, with fresh secrets and default settings. */
export async function createSite(admin: Admin, input: unknown): Promise<{ id: string }> {
  assertAdmin(admin);
  const { name, language, allowedOrigins } = CreateSiteSchema.parse(input);
  return db().$transaction(async (tx) => {
    const site = await tx.site.create({
      data: {
        workspaceId: admin.workspaceId,
        name,
        language,
        allowedOrigins,
        publicKey: `site_${randomBytes(12).toString('base64url')}`,
        identitySecret: randomBytes(32).toString('hex'),
        visitorTokenSecret: randomBytes(32).toString('hex'),
      },
    });
    await recordSiteChange(tx, admin, site.id, 'site.created', { name, language });
    return { id: site.id };
  });
}
