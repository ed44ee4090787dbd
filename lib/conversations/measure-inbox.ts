import { db } from '@/lib/db';
import {
  InboxMetricsRequestSchema,
  type AgentFigures,
  type InboxMetrics,
} from '@/lib/schemas/inbox';
import type { AgentActor } from './actors';

type FigureRow = AgentFigures & { assigneeId: string | null; team: number };

/**
 * What agents see of their own work: conversations handled, first response and resolution times,
 * and CSAT, per agent and for the team. First response is measured as on the analytics page: from
 * the bot's last message before the agent's first reply (the handoff), else from the start.
 */
export async function measureInbox(agent: AgentActor, input: unknown): Promise<InboxMetrics> {
  const { days } = InboxMetricsRequestSchema.parse(input);
  const since = new Date(Date.now() - days * 86_400_000);
  const rows = await db().$queryRaw<FigureRow[]>`
    WITH scoped AS (
      SELECT c.id, c."assigneeId", c."createdAt", c."firstResponseAt", c."resolvedAt", c."csatScore"
      FROM "Conversation" c
      WHERE c."siteId" IN (SELECT id FROM "Site" WHERE "workspaceId" = ${agent.workspaceId})
        AND (c."resolvedAt" >= ${since} OR c."firstResponseAt" >= ${since})
    ),
    measured AS (
      SELECT s."assigneeId", s."csatScore",
        CASE WHEN s."firstResponseAt" >= ${since}
          THEN extract(epoch FROM s."firstResponseAt" - coalesce(handoff.at, s."createdAt")) END AS first_response,
        CASE WHEN s."resolvedAt" >= ${since}
          THEN extract(epoch FROM s."resolvedAt" - s."createdAt") END AS resolution
      FROM scoped s
      LEFT JOIN LATERAL (
        SELECT max(m."createdAt") AS at FROM "Message" m
        WHERE m."conversationId" = s.id AND m.sender IN ('bot', 'system') AND m."createdAt" <= s."firstResponseAt"
      ) handoff ON s."firstResponseAt" >= ${since}
    )
    SELECT "assigneeId", grouping("assigneeId")::int AS team,
      (count(*) FILTER (WHERE resolution IS NOT NULL))::int AS handled,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response))::float8 AS "medianFirstResponseSeconds",
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution))::float8 AS "medianResolutionSeconds",
      (count(*) FILTER (WHERE resolution IS NOT NULL AND "csatScore" IS NOT NULL))::int AS "csatResponses",
      (count(*) FILTER (WHERE resolution IS NOT NULL AND "csatScore" > 0))::int AS "csatPositive"
    FROM measured
    GROUP BY GROUPING SETS (("assigneeId"), ())`;

  const members = await db().membership.findMany({
    where: { workspaceId: agent.workspaceId },
    select: { user: { select: { id: true, name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const figures = (row?: FigureRow): AgentFigures => ({
    handled: row?.handled ?? 0,
    medianFirstResponseSeconds: row?.medianFirstResponseSeconds ?? null,
    medianResolutionSeconds: row?.medianResolutionSeconds ?? null,
    csatResponses: row?.csatResponses ?? 0,
    csatPositive: row?.csatPositive ?? 0,
  });
  const byAgent = new Map(
    rows.filter((row) => !row.team && row.assigneeId).map((row) => [row.assigneeId!, row]),
  );
  return {
    days,
    team: figures(rows.find((row) => row.team)),
    agents: members.map(({ user }) => ({
      userId: user.id,
      name: user.name,
      ...figures(byAgent.get(user.id)),
    })),
  };
}
