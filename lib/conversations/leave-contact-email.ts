import { db } from '@/lib/db';
import { LeaveContactRequestSchema, type VisitorConversation } from '@/lib/schemas/events';
import type { VisitorActor } from './actors';
import { findOrStartConversation } from './current-conversation';
import { announce } from './events';
import { toVisitorConversation } from './views';

/** No agent is online: the visitor leaves an email so someone can answer later. */
export async function leaveContactEmail(
  visitor: VisitorActor,
  input: unknown,
): Promise<VisitorConversation> {
  const { email } = LeaveContactRequestSchema.parse(input);
  const conversation = await findOrStartConversation(visitor);
  const [updated, updatedVisitor] = await db().$transaction([
    db().conversation.update({ where: { id: conversation.id }, data: { contactEmail: email } }),
    // An email the host site vouched for (identify) is not overwritten by a typed one.
    db().visitor.update({
      where: { id: visitor.visitorId },
      data: conversation.visitor.email ? {} : { email },
    }),
  ]);
  const record = { ...conversation, ...updated, visitor: updatedVisitor };
  announce('conversation.updated', { conversation: record });
  return toVisitorConversation(record);
}
