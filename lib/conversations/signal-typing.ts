import type { AgentActor } from './actors';
import { announce } from './events';
import type { ConversationRecord } from './records';

/** Someone is (or stopped) typing. Nothing is stored; callers throttle. */
export function signalTyping(
  conversation: ConversationRecord,
  typist: 'visitor' | 'bot' | AgentActor,
  typing: boolean,
): void {
  const agent = typeof typist === 'object' ? typist : null;
  announce('conversation.typing', {
    conversation,
    sender: agent ? 'agent' : (typist as 'visitor' | 'bot'),
    agentId: agent?.userId ?? null,
    name: agent?.name ?? null,
    typing,
  });
}
