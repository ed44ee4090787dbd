import { db, type MessageSender } from '@/lib/db';
import { StoredBotStateSchema, type BotState } from '@/lib/schemas/bot-state';

export interface BotContext {
  /** Read fresh: the reply to the previous message may have changed it. */
  botState: BotState;
  /** The messages before the one answered that the visitor saw, oldest first. */
  history: { sender: MessageSender; body: string; choices: unknown }[];
}

/** What the bot reads before answering the message at `seq`, in one round trip. */
export async function readBotContext(
  conversationId: string,
  seq: number,
  historyLength: number,
): Promise<BotContext> {
  const rows = await db().$queryRaw<
    { botState: unknown; sender: MessageSender | null; body: string | null; choices: unknown }[]
  >`
    SELECT c."botState", m."sender", m."body", m."choices"
    FROM "Conversation" c
    LEFT JOIN LATERAL (
      SELECT "sender", "body", "choices", "seq" FROM "Message"
      WHERE "conversationId" = c."id" AND NOT "isPrivate" AND "seq" < ${seq}
      ORDER BY "seq" DESC LIMIT ${historyLength}
    ) m ON true
    WHERE c."id" = ${conversationId}
    ORDER BY m."seq"`;
  return {
    botState: StoredBotStateSchema.parse(rows[0]?.botState ?? {}),
    history: rows.flatMap(({ sender, body, choices }) =>
      sender !== null && body !== null ? [{ sender, body, choices }] : [],
    ),
  };
}
