import { db } from '@/lib/db';
import { StoredBotStateSchema, type BotState } from '@/lib/schemas/bot-state';

/** The bot's state in a conversation, read fresh: the reply to the previous message may have changed it. */
export async function readBotState(conversationId: string): Promise<BotState> {
  const row = await db().conversation.findUnique({
    where: { id: conversationId },
    select: { botState: true },
  });
  return StoredBotStateSchema.parse(row?.botState ?? {});
}
