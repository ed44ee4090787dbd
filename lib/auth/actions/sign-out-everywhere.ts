import { recordAuditEvent } from '@/lib/workspace/audit';
import { deleteUserSessions, type SessionMember } from '../session';

/** Ends every session of the member's account, on every device (this one included). */
export async function signOutEverywhere(
  member: Pick<SessionMember, 'userId' | 'workspaceId'>,
): Promise<{ sessionsEnded: number }> {
  const sessionsEnded = await deleteUserSessions(member.userId);
  await recordAuditEvent({
    workspaceId: member.workspaceId,
    actorId: member.userId,
    action: 'member.signed_out_everywhere',
    target: `user:${member.userId}`,
    details: { sessionsEnded },
  });
  return { sessionsEnded };
}
