import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { hashPassword } from '@/lib/auth/password';
import { IntentSlotsSchema } from '@/lib/schemas/intent';
import type { BotSettings, SiteLanguage, WidgetSettings } from '@/lib/schemas/site';
import type { PrismaClient } from './generated/client';

const SeedIntentSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  examples: z.array(z.string()).min(1),
  responses: z.array(z.string()).min(1),
  quickReplies: z.array(z.string()).default([]),
  handoff: z.boolean().default(false),
  slots: IntentSlotsSchema.default([]),
});
const SeedArticleSchema = z.object({ title: z.string(), url: z.string().url(), body: z.string() });

export const DEMO_SITE_KEY = 'demo-site';
export const DEMO_SITE_KEY_ZH = 'demo-site-zh';

/**
 * The demo shops, each reading prisma/seed/{intents,articles}.LANGUAGE.json; the settings' defaults
 * are English, so the Chinese shop words its widget and offline message itself.
 */
const DEMO_SITES: ReadonlyArray<{
  publicKey: string;
  name: string;
  language: SiteLanguage;
  widgetSettings?: Partial<WidgetSettings>;
  botSettings?: Partial<BotSettings>;
}> = [
  { publicKey: DEMO_SITE_KEY, name: 'Juniper & Co. demo shop', language: 'en' },
  {
    publicKey: DEMO_SITE_KEY_ZH,
    name: '炉边小铺 demo shop',
    language: 'zh',
    widgetSettings: {
      title: '炉边小铺客服',
      greeting: '您好！我是炉边小铺的智能助手，有什么可以帮您？',
      launcherText: '在线客服',
    },
    botSettings: { offlineMessage: '客服暂时不在线，请留下您的邮箱，我们会尽快回复您。' },
  },
];

export interface SeedResult {
  seeded: boolean;
  /** The demo sites just created, each still without a model. */
  siteIds: string[];
  /** Set only when the password was generated here; printed once, never stored in clear. */
  generatedPassword?: string;
}

/**
 * First start: a workspace, an admin, and the demo sites (English and Chinese) with starter intents
 * and articles. Runs once: a database that already has a workspace is left alone.
 */
export async function seedDemo(
  prisma: PrismaClient,
  options: { adminEmail: string; adminPassword?: string; publicUrl?: string },
): Promise<SeedResult> {
  if ((await prisma.workspace.count()) > 0) return { seeded: false, siteIds: [] };

  const seedDir = path.join(process.cwd(), 'prisma', 'seed');
  const readSeed = async <T extends z.ZodType>(file: string, schema: T) =>
    z.array(schema).parse(JSON.parse(await readFile(path.join(seedDir, file), 'utf8')));
  const demoSites = await Promise.all(
    DEMO_SITES.map(async (demo) => ({
      ...demo,
      intents: await readSeed(`intents.${demo.language}.json`, SeedIntentSchema),
      articles: await readSeed(`articles.${demo.language}.json`, SeedArticleSchema),
    })),
  );
  const password = options.adminPassword ?? randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(password);

  const siteIds = await prisma.$transaction(async (tx) => {
    const workspace = await tx.workspace.create({ data: { name: 'Juniper & Co.' } });
    await tx.user.create({
      data: {
        email: options.adminEmail.toLowerCase(),
        name: 'Admin',
        passwordHash,
        memberships: { create: { workspaceId: workspace.id, role: 'admin' } },
      },
    });
    const ids: string[] = [];
    for (const { intents, articles, ...demo } of demoSites) {
      const site = await tx.site.create({
        data: {
          ...demo,
          workspaceId: workspace.id,
          // The demo shop is this server's own page, always allowed; PUBLIC_URL is listed for clarity.
          allowedOrigins: options.publicUrl ? [options.publicUrl] : [],
          identitySecret: randomBytes(32).toString('hex'),
          visitorTokenSecret: randomBytes(32).toString('hex'),
        },
      });
      ids.push(site.id);
      for (const intent of intents) {
        await tx.intent.create({
          data: {
            siteId: site.id,
            name: intent.name,
            description: intent.description,
            handoff: intent.handoff,
            quickReplies: intent.quickReplies,
            slots: intent.slots,
            examples: { create: intent.examples.map((text) => ({ text })) },
            responses: { create: intent.responses.map((body, position) => ({ body, position })) },
          },
        });
      }
      await tx.article.createMany({
        data: articles.map((article) => ({ siteId: site.id, ...article })),
      });
    }
    await tx.cannedResponse.createMany({
      data: [
        {
          workspaceId: workspace.id,
          shortcut: 'hello',
          body: 'Hi, this is the Juniper team. How can I help?',
        },
        {
          workspaceId: workspace.id,
          shortcut: 'refund',
          body: 'I have started your refund; it reaches your card in 5-7 business days.',
        },
        {
          workspaceId: workspace.id,
          shortcut: '你好',
          body: '您好，我是炉边小铺的客服，请问有什么可以帮您？',
        },
        {
          workspaceId: workspace.id,
          shortcut: '退款',
          body: '已为您发起退款，3–5 个工作日内原路退回。',
        },
      ],
    });
    return ids;
  });
  return {
    seeded: true,
    siteIds,
    generatedPassword: options.adminPassword ? undefined : password,
  };
}
