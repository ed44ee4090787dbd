import type { BotReply } from './types';

/**
 * Whether the bot could not place the visitor's message, so it belongs in the inbox's review queue
 * ("Teach the bot") and the analytics' unrecognized list: it fell back, asked which of two intents,
 * or handed over without an intent it was sure of (after repeated fallbacks). A confident answer, or
 * a handoff intent it recognized ("I want to complain" → complaint), is not.
 */
export function botWasUnsure(reply: Pick<BotReply, 'decision' | 'intent'>): boolean {
  if (reply.decision === 'fallback' || reply.decision === 'clarify') return true;
  return reply.decision === 'handoff' && !reply.intent;
}
