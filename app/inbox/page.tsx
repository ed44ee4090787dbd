import type { Metadata } from 'next';
import { requireMember } from '@/lib/auth';
import { db } from '@/lib/db';
import { ConversationViewSchema } from '@/lib/schemas/events';
import { InboxApp } from '@/components/inbox/inbox-app';
import type { InboxSetup } from '@/components/inbox/types';
import { WorkspaceNav } from '@/components/inbox/workspace-nav';

export const metadata: Metadata = { title: 'Inbox — Hearth' };

export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<{ view?: string | string[]; c?: string | string[] }>;
}) {
  const member = await requireMember();
  const { view, c } = await searchParams;
  const [memberships, cannedResponses, intents] = await Promise.all([
    db().membership.findMany({
      where: { workspaceId: member.workspaceId },
      orderBy: { createdAt: 'asc' },
      select: { role: true, user: { select: { id: true, name: true } } },
    }),
    db().cannedResponse.findMany({
      where: { workspaceId: member.workspaceId },
      orderBy: { shortcut: 'asc' },
      select: { id: true, shortcut: true, body: true },
    }),
    db().intent.findMany({
      where: { site: { workspaceId: member.workspaceId } },
      orderBy: { name: 'asc' },
      select: { id: true, name: true, siteId: true },
    }),
  ]);
  const intentsBySite: InboxSetup['intentsBySite'] = {};
  for (const intent of intents)
    (intentsBySite[intent.siteId] ??= []).push({ id: intent.id, name: intent.name });

  const setup: InboxSetup = {
    me: { userId: member.userId, name: member.name, role: member.role },
    csrfToken: member.csrfToken,
    members: memberships.map((m) => ({ userId: m.user.id, name: m.user.name, role: m.role })),
    cannedResponses,
    intentsBySite,
    initialView: ConversationViewSchema.catch('needs_human').parse(
      typeof view === 'string' ? view : undefined,
    ),
    initialConversationId: typeof c === 'string' && c.length <= 64 ? c : null,
  };
  return (
    <div className="flex h-dvh flex-col">
      <WorkspaceNav member={member} current="inbox" />
      <InboxApp setup={setup} />
    </div>
  );
}
