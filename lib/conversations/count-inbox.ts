import { db } from '@/lib/db';
import type { InboxCounts } from '@/lib/schemas/inbox';
import type { AgentActor } from './actors';

/** The badge numbers of the live views, in one pass over the workspace's open conversations. */
export async function countInbox(agent: AgentActor): Promise<InboxCounts> {
  const [row] = await db().$queryRaw<
    { unassigned: bigint; needsHuman: bigint; mine: bigint; mineUnread: bigint; open: bigint }[]
  >`
    SELECT
      count(*) FILTER (WHERE c.status = 'open' AND c."assigneeId" IS NULL) AS unassigned,
      count(*) FILTER (WHERE c.status = 'open') AS "needsHuman",
      count(*) FILTER (WHERE c."assigneeId" = ${agent.userId}) AS mine,
      count(*) FILTER (WHERE c."assigneeId" = ${agent.userId} AND c."lastSeq" > c."agentReadSeq") AS "mineUnread",
      count(*) AS open
    FROM "Conversation" c
    WHERE c."siteId" IN (SELECT id FROM "Site" WHERE "workspaceId" = ${agent.workspaceId})
      AND c.status IN ('open', 'pending')`;
  return {
    unassigned: Number(row.unassigned),
    needsHuman: Number(row.needsHuman),
    mine: Number(row.mine),
    mineUnread: Number(row.mineUnread),
    open: Number(row.open),
  };
}
