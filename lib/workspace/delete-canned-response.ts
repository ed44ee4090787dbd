import { ActionError } from '@/lib/auth/errors';
import type { SessionMember } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { DeleteCannedResponseSchema } from '@/lib/schemas/inbox';
import { recordAuditEvent } from './audit';

export async function deleteCannedResponse(
  admin: Pick<SessionMember, 'userId' | 'workspaceId' | 'role'>,
  input: unknown,
): Promise<void> {
  if (admin.role !== 'admin')
    throw new ActionError('forbidden', 'Only admins can edit canned responses');
  const { id } = DeleteCannedResponseSchema.parse(input);
  await db().$transaction(async (tx) => {
    const existing = await tx.cannedResponse.findFirst({
      where: { id, workspaceId: admin.workspaceId },
    });
    if (!existing) throw new ActionError('not_found', 'No such canned response');
    await tx.cannedResponse.delete({ where: { id } });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'canned_response.deleted',
        target: `canned_response:${id}`,
        details: { shortcut: existing.shortcut },
      },
      tx,
    );
  });
}
