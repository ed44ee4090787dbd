import { db } from '@/lib/db';
import { WidgetSettingsSchema, type WidgetSettings } from '@/lib/schemas/site';
import { recordSiteChange } from './site-settings-audit';
import { requireWorkspaceSite, type Admin } from './workspace-site';

export async function updateWidgetSettings(
  admin: Admin,
  siteId: string,
  input: unknown,
): Promise<WidgetSettings> {
  const widgetSettings = WidgetSettingsSchema.parse(input);
  await db().$transaction(async (tx) => {
    await requireWorkspaceSite(admin, siteId, tx);
    await tx.site.update({ where: { id: siteId }, data: { widgetSettings } });
    await recordSiteChange(tx, admin, siteId, 'site.widget_settings_changed', widgetSettings);
  });
  return widgetSettings;
}
