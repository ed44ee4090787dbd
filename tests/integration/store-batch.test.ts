import pg from 'pg';
import { expect, it } from 'vitest';
import { LATEST_CONVERSATIONS } from '@/lib/conversations/current-conversation';
import { loadConversation, type ConversationRecord } from '@/lib/conversations/records';
import { storeMessage } from '@/lib/conversations/store-message';
import { STORE_BOT_REPLIES, STORE_VISITOR_MESSAGES } from '@/lib/conversations/store-batch';
import { db } from '../helpers/db';
import { fixtureWorkspaceForFile } from '../helpers/workspace-fixtures';

// Group commit: visitor messages of different conversations that arrive together are stored by
// one statement (one round trip, one commit), each with every guarantee of its own statement.

const fixture = fixtureWorkspaceForFile();

async function conversationWithTheBot(): Promise<ConversationRecord> {
  const visitor = await db().visitor.create({ data: { siteId: fixture.workspace.siteId } });
  const created = await db().conversation.create({
    data: { siteId: fixture.workspace.siteId, visitorId: visitor.id, status: 'bot' },
  });
  return (await loadConversation({ id: created.id }))!;
}

const send = (conversation: ConversationRecord, clientId: string, body = `text ${clientId}`) =>
  storeMessage(conversation, { sender: 'visitor', body, clientId }, 'active');

/** The transactions that wrote these messages: one commit stores them all, or one each. */
async function transactions(ids: string[]): Promise<number> {
  const [{ count }] = await db().$queryRaw<{ count: number }[]>`
    SELECT count(DISTINCT xmin::text)::int AS count FROM "Message" WHERE "id" = ANY(${ids})`;
  return count;
}

it('stores messages of different conversations arriving together in one commit, each as alone', async () => {
  const conversations = await Promise.all(Array.from({ length: 6 }, conversationWithTheBot));
  // An earlier message in each, so the bot's context has a history (and the site is cached).
  for (const conversation of conversations) await send(conversation, `${conversation.id}-1`);
  const reloaded = await Promise.all(
    conversations.map((conversation) => loadConversation({ id: conversation.id })),
  );

  const stored = await Promise.all(
    reloaded.map((conversation) => send(conversation!, `${conversation!.id}-2`, 'second')),
  );

  // With one statement per message, six; at most two statements run at once, the rest go together.
  expect(await transactions(stored.map((result) => result!.message.id))).toBeLessThanOrEqual(2);
  for (const [i, result] of stored.entries()) {
    expect(result).toMatchObject({
      created: true,
      botTurn: 'queued', // the first message's turn still waits (no bot runs here)
      message: { seq: 2, sender: 'visitor', body: 'second', conversationId: conversations[i].id },
      conversation: { id: conversations[i].id, lastSeq: 2, status: 'bot' },
    });
  }
  const turns = await db().botTurn.findMany({
    where: { messageId: { in: stored.map((result) => result!.message.id) } },
  });
  expect(turns.map((turn) => [turn.seq, turn.attempts])).toEqual(Array(6).fill([2, 0]));
});

it('claims each turn with the bot’s context, keeps a conversation’s order, and stores a resend or a resolved conversation’s message not at all', async () => {
  const [first, second, resent, resolved] = await Promise.all(
    Array.from({ length: 4 }, conversationWithTheBot),
  );
  const earlier = await send(resent, 'resent-1');
  await db().botTurn.deleteMany({ where: { conversationId: resent.id } });
  await db().conversation.update({ where: { id: resolved.id }, data: { status: 'resolved' } });

  const [a1, a2, b1, again, gone] = await Promise.all([
    send(first, 'a1'),
    send(first, 'a2'),
    send(second, 'b1'),
    send(resent, 'resent-1'),
    send(resolved, 'r1'),
  ]);

  expect([a1!.message.seq, a2!.message.seq, b1!.message.seq]).toEqual([1, 2, 1]);
  expect([a1!.botTurn, a2!.botTurn, b1!.botTurn]).toEqual(['claimed', 'queued', 'claimed']);
  expect(a1!.botContext).toMatchObject({ history: [] });
  expect(again).toMatchObject({ created: false, message: { id: earlier!.message.id } });
  expect(gone).toBeNull();
  expect(await db().message.count({ where: { conversationId: resent.id } })).toBe(1);
  expect(await db().message.count({ where: { conversationId: resolved.id } })).toBe(0);
});

it('stores each message on its own when their statement fails as a whole (two sends of one message at once)', async () => {
  const [raced, other, third] = await Promise.all(
    Array.from({ length: 3 }, conversationWithTheBot),
  );
  // Another send of `raced`'s message holds its conversation and commits while the statement waits.
  const locker = new pg.Client({ connectionString: fixture.database.url });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query(`SELECT 1 FROM "Conversation" WHERE "id" = $1 FOR UPDATE`, [raced.id]);
    await send(await conversationWithTheBot(), 'warm'); // the site cached: the three go together
    const sending = Promise.all([send(raced, 'same'), send(other, 'o1'), send(third, 't1')]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await locker.query(
      `INSERT INTO "Message" ("id", "conversationId", "seq", "sender", "clientId", "body")
       VALUES ('raced-earlier', $1, 1, 'visitor', 'same', 'text same')`,
      [raced.id],
    );
    await locker.query(`UPDATE "Conversation" SET "lastSeq" = 1 WHERE "id" = $1`, [raced.id]);
    await locker.query('COMMIT');
    const [again, o1, t1] = await sending;
    expect(again).toMatchObject({ created: false, message: { id: 'raced-earlier' } });
    expect(o1).toMatchObject({ created: true, message: { seq: 1, body: 'text o1' } });
    expect(t1).toMatchObject({ created: true, message: { seq: 1, body: 'text t1' } });
  } finally {
    await locker.end();
  }
});

it('stores each message on its own when their statement is chosen to end a deadlock', async () => {
  // The statement locks its conversations in the order of their ids (its plan walks the primary
  // key): another transaction holds the last one and, once the statement has locked another and
  // waits for it, asks for that one too: a deadlock. The statement's session finds it (the other
  // one waits longer before it looks) and its whole statement fails.
  const [held, ...others] = (
    await Promise.all(Array.from({ length: 3 }, conversationWithTheBot))
  ).sort((a, b) => (a.id < b.id ? 1 : -1));
  const locker = new pg.Client({ connectionString: fixture.database.url });
  const prober = new pg.Client({ connectionString: fixture.database.url });
  await Promise.all([locker.connect(), prober.connect()]);
  try {
    await locker.query(`SET deadlock_timeout = '20s'`);
    await locker.query('BEGIN');
    await locker.query(`SELECT 1 FROM "Conversation" WHERE "id" = $1 FOR UPDATE`, [held.id]);
    await send(await conversationWithTheBot(), 'warm'); // the site cached: the three go together
    const sending = Promise.all([held, ...others].map((c) => send(c, `${c.id}-1`)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The one the waiting statement holds: no one else may lock it.
    const lockedByStatement = async (id: string) =>
      prober.query(`SELECT 1 FROM "Conversation" WHERE "id" = $1 FOR UPDATE NOWAIT`, [id]).then(
        () => false,
        () => true,
      );
    const taken = await Promise.all(others.map((c) => lockedByStatement(c.id)));
    expect(taken, 'the statement holds one conversation while it waits').toContain(true);
    const victim = others[taken.indexOf(true)];
    await locker.query(`SELECT 1 FROM "Conversation" WHERE "id" = $1 FOR UPDATE`, [victim.id]);
    await locker.query('COMMIT');
    const stored = await sending;
    for (const [i, conversation] of [held, ...others].entries()) {
      expect(stored[i]).toMatchObject({
        created: true,
        message: { seq: 1, conversationId: conversation.id },
      });
      expect(await db().message.count({ where: { conversationId: conversation.id } })).toBe(1);
    }
    // Stored one by one after the failed statement, not by it.
    expect(await transactions(stored.map((result) => result!.message.id))).toBe(3);
  } finally {
    await Promise.all([locker.end(), prober.end()]);
  }
});

it('finds the outbox rows of each message through its indexes, as a generic plan too', async () => {
  const client = new pg.Client({ connectionString: fixture.database.url });
  await client.connect();
  try {
    // Conversations and messages as a site has them (the planner rightly scans a handful of
    // rows); the outbox as one no ANALYZE has seen yet.
    const visitor = await db().visitor.create({ data: { siteId: fixture.workspace.siteId } });
    await client.query(
      `INSERT INTO "Conversation" ("id", "siteId", "visitorId", "status", "updatedAt")
       SELECT 'many-' || n, $1, $2, 'resolved', now() FROM generate_series(1, 20000) n`,
      [fixture.workspace.siteId, visitor.id],
    );
    await client.query(
      `INSERT INTO "Message" ("id", "conversationId", "seq", "sender", "clientId", "body")
       SELECT 'many-' || n, 'many-' || (n % 20000 + 1), n, 'visitor', 'k' || n, 'hello'
       FROM generate_series(1, 40000) n`,
    );
    await client.query(
      `INSERT INTO "Visitor" ("id", "siteId") SELECT 'many-' || n, $1 FROM generate_series(1, 20000) n`,
      [fixture.workspace.siteId],
    );
    await client.query('ANALYZE "Conversation", "Message", "Visitor"');
    await client.query(
      `UPDATE pg_class SET reltuples = -1, relpages = 0 WHERE relname = 'BotTurn'`,
    );
    await client.query('SET plan_cache_mode = force_generic_plan');
    await client.query(
      `PREPARE store (text[], text[], text[], text[], text[], text[], float8, int) AS ${STORE_VISITOR_MESSAGES}`,
    );
    await client.query(
      `PREPARE reply (text[], text[], text[], text[], text[], text[], float8[], text[], text[],
         text[], text[], boolean[], text[], boolean[], float8, int) AS ${STORE_BOT_REPLIES}`,
    );
    const explain = async (execute: string) =>
      (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${execute}`)).rows
        .map((row) => row['QUERY PLAN'])
        .join('\n');
    const visitors = await explain(
      `EXECUTE store('{c,d}', '{v,w}', '{k,l}', '{m,n}', '{hi,ho}', '{[],[]}', 15, 20)`,
    );
    const replies = await explain(
      `EXECUTE reply('{c,d}', '{v,w}', '{bot:a,bot:b}', '{m,n}', '{hi,ho}', '{x,y}', '{0.5,0.6}', ` +
        `'{NULL,NULL}', '{NULL,NULL}', '{[],[]}', '{a,b}', '{f,t}', '{NULL,NULL}', '{f,f}', 15, 20)`,
    );
    await client.query(`PREPARE latest (text[], text[], boolean[]) AS ${LATEST_CONVERSATIONS}`);
    const latest = await explain(`EXECUTE latest('{v,w}', '{s,s}', '{t,t}')`);
    expect(latest).not.toMatch(/Seq Scan on "(Conversation|Visitor)"/);
    for (const plan of [visitors, replies]) {
      expect(plan).toContain('"BotTurn_conversationId_seq_idx"');
      expect(plan).not.toMatch(/Seq Scan on "(BotTurn|Conversation|Message)"/);
    }
  } finally {
    await client.end();
  }
});

const reply = (
  conversation: ConversationRecord,
  answers: string,
  outcome: { fallback: boolean; unsure: boolean; botState?: { collected: Record<string, string> } },
) =>
  storeMessage(
    conversation,
    {
      sender: 'bot',
      body: `answer to ${answers}`,
      clientId: `bot:${answers}`,
      intent: 'greeting',
      confidence: 0.75,
      citations: [{ articleId: 'a1', title: 'Returns', url: null }] as never,
      choices: [{ label: 'Returns', intent: 'returns' }],
      answers,
      outcome: outcome as never,
    },
    'bot',
  );

it('stores bot replies finishing together in one commit: each takes its turn out, saves its outcome and claims the next turn with its context', async () => {
  const [queued, single, takenOver] = await Promise.all(
    Array.from({ length: 3 }, conversationWithTheBot),
  );
  const q1 = await send(queued, 'q1');
  const q2 = await send(q1!.conversation, 'q2');
  const s1 = await send(single, 's1');
  const t1 = await send(takenOver, 't1');
  // An agent took this one while the bot was answering: its reply is not stored.
  await db().conversation.update({
    where: { id: takenOver.id },
    data: { status: 'open', assigneeId: fixture.workspace.admin.userId },
  });

  const [r1, r2, r3] = await Promise.all([
    reply(q2!.conversation, q1!.message.id, { fallback: true, unsure: true }),
    reply(s1!.conversation, s1!.message.id, {
      fallback: false,
      unsure: false,
      botState: { collected: { order: '42' } },
    }),
    reply(t1!.conversation, t1!.message.id, { fallback: false, unsure: false }),
  ]);

  expect(await transactions([r1!.message.id, r2!.message.id])).toBe(1);
  expect(r1).toMatchObject({
    created: true,
    message: {
      seq: 3,
      sender: 'bot',
      body: `answer to ${q1!.message.id}`,
      intent: 'greeting',
      confidence: 0.75,
      citations: [{ articleId: 'a1' }],
      choices: [{ label: 'Returns' }],
    },
    conversation: { fallbackCount: 1, lastSeq: 3 },
    // The second message's turn, claimed in the same commit, with what the bot reads for it.
    nextTurn: {
      turn: { messageId: q2!.message.id, conversationId: queued.id, attempts: 1 },
      message: { id: q2!.message.id, seq: 2, body: 'text q2' },
    },
    botContext: { history: [{ body: 'text q1' }] },
  });
  expect(r1!.nextTurn!.message.createdAt).toEqual(q2!.message.createdAt);
  expect(r2).toMatchObject({
    created: true,
    conversation: { fallbackCount: 0 },
    nextTurn: null,
    botContext: null,
  });
  expect(r3).toBeNull();
  const turns = await db().botTurn.findMany({
    orderBy: { seq: 'asc' },
    where: {
      conversationId: { in: [queued.id, single.id, takenOver.id] },
    },
  });
  // Every answered turn left the outbox (the taken-over one too, as one statement does).
  expect(turns.map((turn) => turn.messageId)).toEqual([q2!.message.id]);
  const [unsure, sure] = await Promise.all(
    [q1!.message.id, s1!.message.id].map((id) => db().message.findUnique({ where: { id } })),
  );
  expect([unsure!.reviewState, sure!.reviewState]).toEqual(['pending', null]);
  const saved = await db().conversation.findUnique({ where: { id: single.id } });
  expect(saved!.botState).toEqual({ collected: { order: '42' } });
});

it('starts the first conversations of visitors writing together in one statement, and finds an earlier one', async () => {
  const { latestConversation } = await import('@/lib/conversations/current-conversation');
  const visitors = await Promise.all(
    Array.from({ length: 4 }, () =>
      db().visitor.create({ data: { siteId: fixture.workspace.siteId } }),
    ),
  );
  const returning = await conversationWithTheBot();
  const actor = (visitorId: string) => ({ siteId: fixture.workspace.siteId, visitorId });

  const found = await Promise.all([
    ...visitors.map((visitor) => latestConversation(actor(visitor.id))),
    latestConversation(actor(returning.visitorId)),
  ]);

  for (const [i, visitor] of visitors.entries()) {
    expect(found[i]).toMatchObject({
      started: true,
      conversation: { id: `${visitor.id}-c1`, status: 'bot', visitor: { id: visitor.id } },
    });
  }
  expect(found[4]).toMatchObject({ started: false, conversation: { id: returning.id } });
  const [{ count }] = await db().$queryRaw<{ count: number }[]>`
    SELECT count(DISTINCT xmin::text)::int AS count FROM "Conversation"
    WHERE "id" = ANY(${visitors.map((visitor) => `${visitor.id}-c1`)})`;
  // One statement per visitor made four; at most two run at once, the rest go together.
  expect(count).toBeLessThanOrEqual(2);
});
