import { z } from 'zod';
import { EntityNameSchema } from './entity';

/**
 * What the bot is in the middle of in one conversation, stored with it (Conversation.botState) so
 * any server node can take the next turn: the question it is waiting on and what it collected.
 */
export const BotStateSchema = z.object({
  /** Values the visitor gave for intents' required entities, by entity type or custom entity name. */
  collected: z.record(EntityNameSchema, z.string()).default({}),
  /** The intent waiting for an entity the bot asked for, and how many times it asked. */
  pendingSlot: z
    .object({ intent: z.string(), entity: EntityNameSchema, asks: z.number().int().min(1) })
    .nullable()
    .default(null),
  /** The intents offered after "did you mean…?", in the order shown. */
  offered: z.array(z.object({ intent: z.string(), label: z.string() })).default([]),
});
export type BotState = z.infer<typeof BotStateSchema>;

export const EMPTY_BOT_STATE: BotState = { collected: {}, pendingSlot: null, offered: [] };

/** A stored state is read leniently: one that does not parse is a fresh start. */
export const StoredBotStateSchema = BotStateSchema.catch(EMPTY_BOT_STATE);
