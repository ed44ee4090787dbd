import { recordAuditEvent } from '@/lib/audit';
import type { Prisma } from '@/lib/db';
import type { Admin } from './workspace-site';

/** Every settings change is recorded the same way: `site.<what>_changed` on the site. */
export function recordSiteChange(
  tx: Prisma.TransactionClient,
  admin: Admin,
  siteId: string,
  action: string,
  details: Prisma.InputJsonObject = {},
): Promise<void> {
  return recordAuditEvent(
    {
      workspaceId: admin.workspaceId,
      actorId: admin.userId,
      action,
      target: `site:${siteId}`,
      details,
    },
    tx,
  );
}
