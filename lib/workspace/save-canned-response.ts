import { ActionError } from '@/lib/auth/errors';
import type { SessionMember } from '@/lib/auth/session';
import { db, Prisma } from '@/lib/db';
import { CannedResponseSchema } from '@/lib/schemas/inbox';
import { recordAuditEvent } from './audit';

/** An admin adds a canned response, or edits one (with `id`); shortcuts are unique per workspace. */
export async function saveCannedResponse(
  admin: Pick<SessionMember, 'userId' | 'workspaceId' | 'role'>,
  input: unknown,
): Promise<{ id: string }> {
  if (admin.role !== 'admin')
    throw new ActionError('forbidden', 'Only admins can edit canned responses');
  const { id, shortcut, body } = CannedResponseSchema.parse(input);
  try {
    return await db().$transaction(async (tx) => {
      let saved: { id: string };
      if (id) {
        const { count } = await tx.cannedResponse.updateMany({
          where: { id, workspaceId: admin.workspaceId },
          data: { shortcut, body },
        });
        if (count === 0) throw new ActionError('not_found', 'No such canned response');
        saved = { id };
      } else {
        saved = await tx.cannedResponse.create({
          data: { workspaceId: admin.workspaceId, shortcut, body },
          select: { id: true },
        });
      }
      await recordAuditEvent(
        {
          workspaceId: admin.workspaceId,
          actorId: admin.userId,
          action: id ? 'canned_response.updated' : 'canned_response.created',
          target: `canned_response:${saved.id}`,
          details: { shortcut },
        },
        tx,
      );
      return saved;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new ActionError('conflict', `/${shortcut} is already taken`);
    }
    throw error;
  }
}
