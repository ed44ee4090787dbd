import { ActionError } from '@/lib/auth/errors';
import { db } from '@/lib/db';
import type { VisitorDetail } from '@/lib/schemas/visitor';
import { summaryFields } from './list-visitors';

/** One visitor of the workspace with their conversations; another workspace's is "not found". */
export async function getVisitor(workspaceId: string, visitorId: string): Promise<VisitorDetail> {
  const visitor = await db().visitor.findFirst({
    where: { id: visitorId, site: { workspaceId } },
    select: {
      ...summaryFields,
      browser: true,
      language: true,
      currentUrl: true,
      conversations: {
        orderBy: { createdAt: 'desc' },
        select: { id: true, status: true, createdAt: true },
      },
    },
  });
  if (!visitor) throw new ActionError('not_found', 'No such visitor');
  return visitor;
}
