import { deleteSession, type SessionMember } from '../session';

/** Ends this browser's session. */
export async function signOut(member: Pick<SessionMember, 'sessionId'>): Promise<void> {
  await deleteSession(member.sessionId);
}
