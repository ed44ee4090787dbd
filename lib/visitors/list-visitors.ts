import { db, type Prisma } from '@/lib/db';
import { VisitorListQuerySchema, type VisitorSummary } from '@/lib/schemas/visitor';

/** The workspace's visitors (contacts), most recently seen first, a page at a time. */
export async function listVisitors(
  workspaceId: string,
  input: unknown,
): Promise<{ visitors: VisitorSummary[]; nextCursor: string | null }> {
  const { siteId, email, cursor, limit } = VisitorListQuerySchema.parse(input);
  const where: Prisma.VisitorWhereInput = {
    site: { workspaceId },
    ...(siteId ? { siteId } : {}),
    ...(email ? { email: { equals: email, mode: 'insensitive' } } : {}),
  };
  // Keyset paging on (lastSeenAt, id): stable while visitors keep arriving.
  const after = cursor
    ? await db().visitor.findFirst({
        where: { id: cursor, ...where },
        select: { lastSeenAt: true },
      })
    : null;
  const rows = await db().visitor.findMany({
    where: after
      ? {
          AND: [
            where,
            {
              OR: [
                { lastSeenAt: { lt: after.lastSeenAt } },
                { lastSeenAt: after.lastSeenAt, id: { lt: cursor } },
              ],
            },
          ],
        }
      : where,
    orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: summaryFields,
  });
  const page = rows.slice(0, limit);
  return { visitors: page, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}

export const summaryFields = {
  id: true,
  siteId: true,
  externalId: true,
  name: true,
  email: true,
  identityVerified: true,
  firstSeenAt: true,
  lastSeenAt: true,
} as const satisfies Prisma.VisitorSelect;
