import type { Metadata } from 'next';
import { requireMember } from '@/lib/auth';
import { listTeam } from '@/lib/workspace';
import { WorkspaceNav } from '@/components/inbox/workspace-nav';
import { Card } from '@/components/ui/card';
import { InviteForm } from './invite-form';
import { MemberRow } from './member-row';
import { PendingInviteRow } from './pending-invite-row';

export const metadata: Metadata = { title: 'Team — Hearth' };

export default async function TeamPage() {
  const admin = await requireMember({ role: 'admin' });
  const { members, invites } = await listTeam(admin.workspaceId);
  return (
    <>
      <WorkspaceNav member={admin} current="team" />
      <main className="mx-auto max-w-3xl space-y-6 px-4 py-8">
        <h1 className="text-xl font-semibold">Team</h1>
        <Card title={`Members (${members.length})`}>
          <ul className="divide-y divide-stone-100">
            {members.map((m) => (
              <MemberRow
                key={m.userId}
                member={m}
                isYou={m.userId === admin.userId}
                csrfToken={admin.csrfToken}
              />
            ))}
          </ul>
        </Card>
        <Card title="Invite someone">
          <InviteForm csrfToken={admin.csrfToken} />
        </Card>
        {invites.length > 0 ? (
          <Card title="Pending invites">
            <ul className="divide-y divide-stone-100">
              {invites.map((invite) => (
                <PendingInviteRow key={invite.id} invite={invite} csrfToken={admin.csrfToken} />
              ))}
            </ul>
          </Card>
        ) : null}
      </main>
    </>
  );
}
