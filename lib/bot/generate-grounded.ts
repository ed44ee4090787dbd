import { generate, type ChatMessage } from '@/lib/ai';
import { GroundedStream, limitReply, MAX_REPLY_TOKENS, toPlainReply } from './guardrails';
import type { BotTurn } from './types';

/** Earlier turns given to the model: enough for follow-up questions, short enough to stay fast. */
const HISTORY_TURNS = 6;

/**
 * A generated reply that streams to the visitor as it is written and may only use numbers found in
 * `sources` or the conversation. null when the generator is off, busy, too slow, stopped, or
 * strayed from the sources: the caller then answers without it.
 */
export async function generateGrounded(
  turn: BotTurn,
  { system, sources }: { system: string; sources: string[] },
): Promise<string | null> {
  const strayed = new AbortController();
  const conversation = turn.history.filter((message) => message.sender !== 'system');
  const guard = new GroundedStream(
    [...sources, turn.visitorMessage.body, ...conversation.map((message) => message.body)],
    (text) => turn.onToken?.(text),
    () => strayed.abort(),
  );
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    ...conversation.slice(-HISTORY_TURNS).map((message): ChatMessage => ({
      role: message.sender === 'visitor' ? 'user' : 'assistant',
      content: message.body,
    })),
    { role: 'user', content: turn.visitorMessage.body },
  ];
  const result = await generate({
    messages,
    maxTokens: MAX_REPLY_TOKENS,
    signal: AbortSignal.any([turn.signal, strayed.signal]),
    onToken: (piece) => guard.push(piece),
  });
  if (result.outcome !== 'completed' && result.outcome !== 'length') return null;
  guard.end();
  if (guard.violation !== null) return null;
  const reply = limitReply(toPlainReply(guard.text), { complete: result.outcome === 'completed' });
  return reply === '' ? null : reply;
}
