import { replyToVisitor, siteIntents, understand, type BotReply, type BotTurn } from '@/lib/bot';
import { db } from '@/lib/db';
import { preprocess, type PreprocessedText } from '@/lib/nlp';
import { BotSettingsSchema, SiteLanguageSchema } from '@/lib/schemas/site';
import type { TestConsoleTurn } from '@/lib/schemas/site-admin';
import type { Understanding } from '@/lib/bot';

export interface MessageTest {
  steps: PreprocessedText;
  understanding: Understanding;
  reply: BotReply;
}

/** How long the console waits for a generated reply before showing the fallback the bot would use. */
const REPLY_TIMEOUT_MS = 30_000;

/**
 * The test console: how the site's bot reads a sentence (every preprocessing step, entities, ranked
 * intents, decision) and the reply it would send after the conversation so far, with the state it
 * leaves. Stores nothing: the page keeps the conversation.
 */
export async function testMessage(siteId: string, input: TestConsoleTurn): Promise<MessageTest> {
  const { text, history, botState } = input;
  const site = await db().site.findUniqueOrThrow({
    where: { id: siteId },
    select: { id: true, language: true, botSettings: true },
  });
  const language = SiteLanguageSchema.catch('en').parse(site.language);
  const turn: BotTurn = {
    site: { id: site.id, language, botSettings: BotSettingsSchema.parse(site.botSettings ?? {}) },
    conversation: { id: `test-console:${siteId}`, fallbackCount: 0, botState },
    visitorMessage: { id: 'test-console', body: text },
    history,
    signal: AbortSignal.timeout(REPLY_TIMEOUT_MS),
  };
  const [understanding, reply] = await Promise.all([
    siteIntents(siteId).then((intents) => understand(turn, intents)),
    replyToVisitor(turn),
  ]);
  return { steps: preprocess(text, language), understanding, reply };
}
