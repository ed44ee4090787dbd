import { db } from '@/lib/db';

export interface TeamMember {
  userId: string;
  name: string;
  email: string;
  role: 'admin' | 'agent';
  joinedAt: Date;
}

export interface PendingInvite {
  id: string;
  email: string;
  role: 'admin' | 'agent';
  expiresAt: Date;
}

/** The workspace's members and pending invites, for the team page. */
export async function listTeam(
  workspaceId: string,
): Promise<{ members: TeamMember[]; invites: PendingInvite[] }> {
  const [memberships, invites] = await Promise.all([
    db().membership.findMany({
      where: { workspaceId },
      orderBy: { createdAt: 'asc' },
      select: {
        role: true,
        createdAt: true,
        user: { select: { id: true, name: true, email: true } },
      },
    }),
    db().invite.findMany({
      where: { workspaceId, acceptedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: 'desc' },
      select: { id: true, email: true, role: true, expiresAt: true },
    }),
  ]);
  return {
    members: memberships.map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      joinedAt: m.createdAt,
    })),
    invites,
  };
}
