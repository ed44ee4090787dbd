import { isSupportedCountry } from 'libphonenumber-js/max';
import { ActionError } from '@/lib/auth/errors';
import { db } from '@/lib/db';
import { BotSettingsSchema, type BotSettings } from '@/lib/schemas/site';
import { recordSiteChange } from './site-settings-audit';
import { requireWorkspaceSite, type Admin } from './workspace-site';

/** How the bot decides: thresholds, handoff after fallbacks, business hours, offline message. */
export async function updateBotSettings(
  admin: Admin,
  siteId: string,
  input: unknown,
): Promise<BotSettings> {
  const botSettings = BotSettingsSchema.parse(input);
  try {
    new RegExp(botSettings.orderNumberPattern);
  } catch {
    throw new ActionError('invalid', 'The order number pattern is not a valid regular expression');
  }
  if (botSettings.phoneCountry && !isSupportedCountry(botSettings.phoneCountry)) {
    throw new ActionError('invalid', `No phone numbering plan for "${botSettings.phoneCountry}"`);
  }
  if (botSettings.businessHours) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: botSettings.businessHours.timezone });
    } catch {
      throw new ActionError('invalid', `Unknown time zone "${botSettings.businessHours.timezone}"`);
    }
  }
  await db().$transaction(async (tx) => {
    await requireWorkspaceSite(admin, siteId, tx);
    await tx.site.update({ where: { id: siteId }, data: { botSettings } });
    await recordSiteChange(tx, admin, siteId, 'site.bot_settings_changed', botSettings);
  });
  return botSettings;
}
