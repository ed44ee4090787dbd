import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { hashPassword } from '@/lib/auth/password';
import { IntentSlotsSchema } from '@/lib/schemas/intent';
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

export interface SeedResult {
  seeded: boolean;
  /** Set only when the password was generated here; printed once, never stored in clear. */
  generatedPassword?: string;
}

/** First start: a workspace, an admin, a demo site with starter intents and articles. Runs once. */
export async function seedDemo(
  prisma: PrismaClient,
  options: { adminEmail: string; adminPassword?: string; publicUrl?: string },
): Promise<SeedResult> {
  if ((await prisma.workspace.count()) > 0) return { seeded: false };

  const seedDir = path.join(process.cwd(), 'prisma', 'seed');
  const intents = z
    .array(SeedIntentSchema)
    .parse(JSON.parse(await readFile(path.join(seedDir, 'intents.en.json'), 'utf8')));
  const articles = z
    .array(SeedArticleSchema)
    .parse(JSON.parse(await readFile(path.join(seedDir, 'articles.en.json'), 'utf8')));
  const password = options.adminPassword ?? randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(password);

  await prisma.$transaction(async (tx) => {
    const workspace = await tx.workspace.create({ data: { name: 'Juniper & Co.' } });
    await tx.user.create({
      data: {
        email: options.adminEmail.toLowerCase(),
        name: 'Admin',
        passwordHash,
        memberships: { create: { workspaceId: workspace.id, role: 'admin' } },
      },
    });
    const site = await tx.site.create({
      data: {
        workspaceId: workspace.id,
        name: 'Juniper & Co. demo shop',
        publicKey: DEMO_SITE_KEY,
        // The demo shop is this server's own page, always allowed; PUBLIC_URL is listed for clarity.
        allowedOrigins: options.publicUrl ? [options.publicUrl] : [],
        identitySecret: randomBytes(32).toString('hex'),
        visitorTokenSecret: randomBytes(32).toString('hex'),
      },
    });
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
      ],
    });
  });
  return { seeded: true, generatedPassword: options.adminPassword ? undefined : password };
}
