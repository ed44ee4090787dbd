import { listAuditEvents } from '@/lib/audit';
import { AuditQuerySchema } from '@/lib/schemas/audit';
import { adminRoute, queryOf } from '@/app/api/admin/_lib/site-route';

export const GET = adminRoute(async ({ member, request }) =>
  listAuditEvents(member.workspaceId, AuditQuerySchema.parse(queryOf(request))),
);
