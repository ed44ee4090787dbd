import { replyToVisitor, type BotReply } from '@/lib/bot';
import { db } from '@/lib/db';
import { retrieve, type Retrieval } from '@/lib/knowledge';
import { BotSettingsSchema, SiteLanguageSchema } from '@/lib/schemas/site';

/** "What would the bot answer": the passages the knowledge base finds and the reply built on them. */
export async function previewKnowledgeAnswer(
  siteId: string,
  question: string,
): Promise<{ retrieval: Retrieval; reply: BotReply }> {
  const site = await db().site.findUniqueOrThrow({
    where: { id: siteId },
    select: { id: true, language: true, botSettings: true },
  });
  const botSettings = BotSettingsSchema.parse(site.botSettings ?? {});
  const [retrieval, reply] = await Promise.all([
    retrieve(siteId, question, { limit: 5, settings: botSettings }),
    replyToVisitor({
      site: {
        id: site.id,
        language: SiteLanguageSchema.catch('en').parse(site.language),
        botSettings,
      },
      conversation: { id: `knowledge-preview:${siteId}`, fallbackCount: 0 },
      visitorMessage: { id: 'knowledge-preview', body: question },
      history: [],
      signal: AbortSignal.timeout(30_000),
    }),
  ]);
  return { retrieval, reply };
}
