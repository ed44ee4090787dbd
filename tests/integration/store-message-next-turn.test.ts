import type pg from 'pg';
import { expect, it } from 'vitest';
import { loadConversation } from '@/lib/conversations/records';
import { storeMessage } from '@/lib/conversations/store-message';
import { db } from '../helpers/db';
import { fixtureWorkspaceForFile } from '../helpers/workspace-fixtures';

// Storing a bot reply claims the conversation's next waiting turn and returns its message in the
// same statement. The message comes as one JSON column, not fifteen: the pg client builds a parser
// for every column of every result, on the one event loop every message goes through.

const fixture = fixtureWorkspaceForFile();

it('returns the next waiting turn’s message as stored, from a result of few columns', async () => {
  const visitor = await db().visitor.create({ data: { siteId: fixture.workspace.siteId } });
  const created = await db().conversation.create({
    data: { siteId: fixture.workspace.siteId, visitorId: visitor.id, status: 'bot' },
  });
  const conversation = (await loadConversation({ id: created.id }))!;
  const first = await storeMessage(
    conversation,
    { sender: 'visitor', body: 'first', clientId: 'c1' },
    'active',
  );
  const second = await storeMessage(
    first!.conversation,
    {
      sender: 'visitor',
      body: 'second, with a button',
      clientId: 'c2',
      choices: [{ label: 'Returns', intent: 'returns' }],
    },
    'active',
  );
  expect([first!.botTurn, second!.botTurn]).toEqual(['claimed', 'queued']);

  const { pool } = (globalThis as unknown as { hearthDatabase: { pool: pg.Pool } }).hearthDatabase;
  const original = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  const columns: number[] = [];
  pool.query = (async (...args: unknown[]) => {
    const result = await original(...args);
    const [query] = args as [string | { name?: string }];
    if (typeof query !== 'string' && query.name === 'store-message')
      columns.push(result.fields.length);
    return result;
  }) as typeof pool.query;
  let reply;
  try {
    reply = await storeMessage(
      second!.conversation,
      {
        sender: 'bot',
        body: 're: first',
        clientId: `bot:${first!.message.id}`,
        answers: first!.message.id,
        outcome: { fallback: false, unsure: false },
      },
      'bot',
    );
  } finally {
    pool.query = original as unknown as typeof pool.query;
  }
  const stored = await db().message.findUniqueOrThrow({ where: { id: second!.message.id } });
  expect(reply!.nextTurn).toEqual({
    turn: { messageId: stored.id, conversationId: created.id, attempts: 1 },
    message: { ...stored, authorName: null },
  });
  expect(reply!.nextTurn!.message.createdAt).toBeInstanceOf(Date);
  expect(reply!.botContext!.history.map((message) => message.body)).toEqual(['first']);
  // The message's own row, the conversation and the turn's context; the next message in one.
  expect(columns).toEqual([expect.any(Number)]);
  expect(columns[0]).toBeLessThanOrEqual(32);
});
