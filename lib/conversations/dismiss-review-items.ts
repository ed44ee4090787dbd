import { db } from '@/lib/db';
import { DismissReviewRequestSchema } from '@/lib/schemas/inbox';
import type { AgentActor } from './actors';

/** Review items that teach nothing (greetings, gibberish) leave the queue without becoming examples. */
export async function dismissReviewItems(
  agent: AgentActor,
  input: unknown,
): Promise<{ messageIds: string[] }> {
  const { messageIds } = DismissReviewRequestSchema.parse(input);
  const pending = await db().message.findMany({
    where: {
      id: { in: messageIds },
      reviewState: 'pending',
      conversation: { site: { workspaceId: agent.workspaceId } },
    },
    select: { id: true },
  });
  const ids = pending.map((message) => message.id);
  await db().message.updateMany({ where: { id: { in: ids } }, data: { reviewState: 'dismissed' } });
  return { messageIds: ids };
}
