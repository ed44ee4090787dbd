import type { Prisma } from '@/lib/db';

/** Locks the workspace's admin memberships and counts them, so two admins cannot demote each other at once. */
export async function lockAdminCount(
  tx: Prisma.TransactionClient,
  workspaceId: string,
): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    select id from "Membership" where "workspaceId" = ${workspaceId} and role = 'admin' for update`;
  return rows.length;
}
