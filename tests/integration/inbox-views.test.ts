// The inbox moves conversations between views on live updates with a client-side copy of each
// view's filter and order; it must agree with the server's list query, or lists would jump.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listConversations, type AgentActor } from '@/lib/conversations';
import { compareInView, inView } from '@/components/inbox/views';
import type { AgentConversation, ConversationView } from '@/lib/schemas/events';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { createFixtureConversation, createFixtureWorkspace } from '../helpers/workspace-fixtures';

let database: TestDatabase;
let agent: AgentActor;

beforeAll(async () => {
  database = await createTestDatabase();
  const workspace = await createFixtureWorkspace({ agents: 1 });
  const me = workspace.agents[0];
  agent = { userId: me.userId, workspaceId: me.workspaceId, role: me.role, name: me.name };
  const states = ['bot', 'open', 'pending', 'resolved'] as const;
  const assignees = [null, me.userId, workspace.admin.userId];
  let minute = 0;
  for (const status of states) {
    for (const assigneeId of assignees) {
      for (let copy = 0; copy < 2; copy += 1) {
        minute += 7;
        const { conversationId } = await createFixtureConversation(workspace.siteId, {
          status,
          assigneeId,
        });
        await db().conversation.update({
          where: { id: conversationId },
          data: {
            lastMessageAt: new Date(Date.UTC(2026, 0, 1, 0, (minute * 13) % 600)),
            waitingSince:
              status === 'open' ? new Date(Date.UTC(2026, 0, 1, 0, (minute * 7) % 300)) : null,
          },
        });
      }
    }
  }
  // An agent stepped in without a handoff: open, but never waiting.
  await createFixtureConversation(workspace.siteId, { status: 'open', waitingSince: null });
});
afterAll(async () => database?.drop());

describe('client views mirror the server', () => {
  it.each(['needs_human', 'mine', 'open', 'bot', 'resolved', 'all'] as ConversationView[])(
    '%s',
    async (view) => {
      const everything: AgentConversation[] = [];
      let cursor: string | undefined;
      do {
        const page = await listConversations(agent, { view: 'all', limit: 5, cursor });
        everything.push(...page.conversations);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(everything).toHaveLength(25);

      const fromServer: string[] = [];
      cursor = undefined;
      do {
        const page = await listConversations(agent, { view, limit: 4, cursor });
        fromServer.push(...page.conversations.map((conversation) => conversation.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const onClient = everything
        .filter((c) => inView(c, view, agent.userId))
        .sort(compareInView(view));
      expect(onClient.map((conversation) => conversation.id)).toEqual(fromServer);
    },
  );
});
