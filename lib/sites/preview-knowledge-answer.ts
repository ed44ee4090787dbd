import {
  intentReading,
  replyToVisitor,
  siteIntents,
  understand,
  type BotReply,
  type BotTurn,
} from '@/lib/bot';
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
  const turn: BotTurn = {
    site: {
      id: site.id,
      language: SiteLanguageSchema.catch('en').parse(site.language),
      botSettings,
    },
    conversation: { id: `knowledge-preview:${siteId}`, fallbackCount: 0 },
    visitorMessage: { id: 'knowledge-preview', body: question },
    history: [],
    signal: AbortSignal.timeout(30_000),
  };
  // The passages as the reply sees them: with what the classifier made of the question.
  const intents = await siteIntents(siteId);
  const [retrieval, reply] = await Promise.all([
    understand(turn, intents).then((understanding) =>
      retrieve(siteId, question, {
        limit: 5,
        settings: botSettings,
        intents: intentReading(understanding, intents),
      }),
    ),
    replyToVisitor(turn),
  ]);
  return { retrieval, reply };
}
