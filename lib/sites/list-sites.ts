import { db } from '@/lib/db';
import {
  BotSettingsSchema,
  SiteLanguageSchema,
  WidgetSettingsSchema,
  type BotSettings,
  type SiteLanguage,
  type WidgetSettings,
} from '@/lib/schemas/site';

export interface SiteView {
  id: string;
  name: string;
  publicKey: string;
  language: SiteLanguage;
  allowedOrigins: string[];
  identitySecret: string;
  widgetSettings: WidgetSettings;
  botSettings: BotSettings;
  activeModelVersionId: string | null;
  /** Conversations quiet for longer are deleted; null keeps them. */
  retentionDays: number | null;
}

/** The workspace's sites with their settings read through the schemas (defaults filled in). */
export async function listSites(workspaceId: string): Promise<SiteView[]> {
  const sites = await db().site.findMany({
    where: { workspaceId },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      name: true,
      publicKey: true,
      language: true,
      allowedOrigins: true,
      identitySecret: true,
      widgetSettings: true,
      botSettings: true,
      activeModelVersionId: true,
      retentionDays: true,
    },
  });
  return sites.map((site) => ({
    ...site,
    language: SiteLanguageSchema.catch('en').parse(site.language),
    widgetSettings: WidgetSettingsSchema.parse(site.widgetSettings ?? {}),
    botSettings: BotSettingsSchema.parse(site.botSettings ?? {}),
  }));
}
