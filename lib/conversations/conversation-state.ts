import { preparedQuery, type MessageSender } from '@/lib/db';
import { StoredBotStateSchema, type BotState } from '@/lib/schemas/bot-state';

export interface BotContext {
  /** Read fresh: the reply to the previous message may have changed it. */
  botState: BotState;
  /** The messages before the one answered that the visitor saw, oldest first. */
  history: { sender: MessageSender; body: string; choices: unknown }[];
}

const READ_BOT_CONTEXT = `
  SELECT c."botState", m."sender", m."body", m."choices"
  FROM "Conversation" c
  LEFT JOIN LATERAL (
    SELECT "sender", "body", "choices", "seq" FROM "Message"
    WHERE "conversationId" = c."id" AND NOT "isPrivate" AND "seq" < $2::int
    ORDER BY "seq" DESC LIMIT $3::int
  ) m ON true
  WHERE c."id" = $1::text
  ORDER BY m."seq"`;

/** Earlier messages the bot reads with the one it answers. */
export const BOT_HISTORY = 20;

/** The context as a statement returned it (`history`: JSON rows, oldest first). */
export function toBotContext(
  botState: unknown,
  history: { sender: MessageSender; body: string; choices: unknown }[],
): BotContext {
  return {
    botState: StoredBotStateSchema.parse(botState ?? {}),
    history: history.map(({ sender, body, choices }) => ({ sender, body, choices })),
  };
}

/** What the bot reads before answering the message at `seq`, in one round trip. */
export async function readBotContext(
  conversationId: string,
  seq: number,
  historyLength: number,
): Promise<BotContext> {
  const rows = await preparedQuery<{
    botState: unknown;
    sender: MessageSender | null;
    body: string | null;
    choices: unknown;
  }>('read-bot-context', READ_BOT_CONTEXT, [conversationId, seq, historyLength]);
  return {
    botState: StoredBotStateSchema.parse(rows[0]?.botState ?? {}),
    history: rows.flatMap(({ sender, body, choices }) =>
      sender !== null && body !== null ? [{ sender, body, choices }] : [],
    ),
  };
}
