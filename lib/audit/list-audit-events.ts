import { db } from '@/lib/db';
import type { AuditQuery } from '@/lib/schemas/audit';

export interface AuditEventView {
  id: string;
  action: string;
  target: string;
  details: unknown;
  createdAt: Date;
  actor: { id: string; name: string; email: string } | null;
}

/** The workspace's audit trail, newest first, a page at a time (cursor = the last id shown). */
export async function listAuditEvents(
  workspaceId: string,
  query: AuditQuery,
): Promise<{ events: AuditEventView[]; nextCursor: string | null }> {
  const rows = await db().auditEvent.findMany({
    where: {
      workspaceId,
      ...(query.action ? { action: { startsWith: query.action } } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  const actorIds = [...new Set(page.map((row) => row.actorId).filter((id) => id !== null))];
  const actors = await db().user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, name: true, email: true },
  });
  const actorById = new Map(actors.map((actor) => [actor.id, actor]));
  return {
    events: page.map((row) => ({
      id: row.id,
      action: row.action,
      target: row.target,
      details: row.details,
      createdAt: row.createdAt,
      actor: row.actorId ? (actorById.get(row.actorId) ?? null) : null,
    })),
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}
