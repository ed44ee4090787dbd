import type { VisitorConversation } from '@/lib/schemas/events';
import type { VisitorActor } from './actors';
import { findOrStartConversation } from './current-conversation';
import { handOffConversation } from './hand-off-conversation';
import { toVisitorConversation } from './views';

/** The visitor pressed "talk to a human". */
export async function askForHuman(visitor: VisitorActor): Promise<VisitorConversation> {
  const conversation = await findOrStartConversation(visitor);
  return toVisitorConversation(
    await handOffConversation(conversation, 'The visitor asked for a person'),
  );
}
