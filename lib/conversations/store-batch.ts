import { preparedQuery } from '@/lib/db';

// Group commit. Most of what storing a message costs Postgres is per statement, not per row: the
// commit's WAL flush (about a third of its CPU for a message and its reply, measured one by one on
// the 2-core machine), the round trip and its wakeups, the executor's set-up. Visitor messages of
// different conversations that arrive while earlier ones are being stored go together in one
// statement (one round trip, one commit), and so do bot replies of turns finishing together.
// Nothing waits for a timer: a message is sent at the end of the event-loop turn it arrived in
// when fewer than MAX_IN_FLIGHT statements of its kind are running, so at a low rate every message
// is stored alone, at once, by store-message.ts's own statement, as before; under load the batches
// grow with the backlog. Each message keeps every guarantee of its own statement (STORE_MESSAGE):
// stored once per (conversation, clientId), only while its condition holds, its bot turn inserted
// or deleted and the next one claimed in the same commit, acknowledged only after that commit.

/** The conversation as a statement storing a message returns it, its columns prefixed `c_`. */
const CONVERSATION_COLUMNS = [
  'status',
  'assigneeId',
  'handoffReason',
  'waitingSince',
  'fallbackCount',
  'visitorReadSeq',
  'agentReadSeq',
  'contactEmail',
  'firstResponseAt',
  'resolvedAt',
  'updatedAt',
];
export const conversationColumns = (alias: string) =>
  CONVERSATION_COLUMNS.map((column) => `${alias}."${column}" AS "c_${column}"`).join(', ');

/**
 * The conversation's columns in SQL, as lib/bot's botAnswers decides: the bot's, or handed off and
 * not yet taken by anyone (unqualified: no other table these statements read has them).
 */
export const BOT_ANSWERS = `("status" = 'bot' OR ("status" = 'open' AND "assigneeId" IS NULL))`;

/** Statements of one kind at once (the messages arriving meanwhile wait and go together in the next). */
const MAX_IN_FLIGHT = 2;
/** Messages per statement at most. */
const MAX_BATCH = 64;

/**
 * The visitor-message case of STORE_MESSAGE (condition 'active', no webhook event, no outcome, not
 * private) for many messages of distinct conversations: the same updates, the same outbox row, the
 * same result row per message stored (none for a message already stored or whose conversation was
 * resolved). $1–$6 the messages' conversation, visitor, clientId, id, body and choices (JSON); $7
 * the lease (s); $8 how many earlier messages the bot reads.
 */
export const STORE_VISITOR_MESSAGES = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
      AS i("conversationId", "visitorId", "clientId", "messageId", "body", "choices")
  ), next AS (
    UPDATE "Conversation" c
    SET "lastSeq" = c."lastSeq" + 1,
        "lastMessageAt" = now() AT TIME ZONE 'UTC',
        "updatedAt" = now() AT TIME ZONE 'UTC'
    FROM input i
    WHERE c."id" = i."conversationId" AND c."visitorId" = i."visitorId" AND c."status" <> 'resolved'
      AND NOT EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = i."conversationId"
                      AND m."clientId" = i."clientId")
    RETURNING c.*, i."messageId" AS "i_messageId", i."clientId" AS "i_clientId",
      i."body" AS "i_body", i."choices" AS "i_choices"
  ), inserted AS (
    INSERT INTO "Message" ("id", "conversationId", "seq", "sender", "authorId", "clientId", "body",
      "isPrivate", "intent", "confidence", "modelVersionId", "citations", "choices", "createdAt")
    SELECT n."i_messageId", n."id", n."lastSeq", 'visitor', NULL, n."i_clientId", n."i_body",
      false, NULL, NULL, NULL, NULL, n."i_choices"::jsonb, n."lastMessageAt"
    FROM next n
    RETURNING *
  ), turn AS (
    -- The bot's outbox (bot-turns.ts), claimed at once unless an earlier turn still waits.
    INSERT INTO "BotTurn" ("messageId", "conversationId", "seq", "dueAt", "attempts")
    SELECT m."id", m."conversationId", m."seq", now() AT TIME ZONE 'UTC' +
        CASE WHEN waiting THEN interval '0' ELSE make_interval(secs => $7::float8) END,
      CASE WHEN waiting THEN 0 ELSE 1 END
    FROM inserted m JOIN next n ON n."id" = m."conversationId",
      LATERAL (SELECT (SELECT "seq" FROM "BotTurn" WHERE "conversationId" = m."conversationId"
        ORDER BY "seq" LIMIT 1) IS NOT NULL AS waiting) earlier
    WHERE ${BOT_ANSWERS}
    RETURNING "messageId", "attempts"
  )
  SELECT m.*, t."attempts" AS "c_botTurn", n."botState" AS "c_botState",
    CASE WHEN t."attempts" = 1 THEN
      (SELECT coalesce(json_agg(h ORDER BY h."seq"), '[]'::json) FROM (
        SELECT "sender", "body", "choices", "seq" FROM "Message"
        WHERE "conversationId" = m."conversationId" AND NOT "isPrivate" AND "seq" < m."seq"
        ORDER BY "seq" DESC LIMIT $8::int) h)
    END AS "c_history",
    NULL::int AS "n_attempts", NULL::json AS "n_message",
    ${conversationColumns('n')}
  FROM inserted m JOIN next n ON n."id" = m."conversationId"
    LEFT JOIN turn t ON t."messageId" = m."id"`;

/**
 * The bot-reply case of STORE_MESSAGE (condition 'bot', an outcome, the visitor message answered,
 * no webhook event) for replies in distinct conversations: each deletes its turn, saves its
 * outcome, marks the message answered for review when unsure, and claims its conversation's next
 * due turn, returned with that turn's message and context. $1–$14 the replies' conversation,
 * visitor, clientId, id, body, intent, confidence, model version, citations (JSON), choices (JSON),
 * message answered, fallback, bot state (JSON or null) and unsure; $15 the lease (s); $16 how many
 * earlier messages the bot reads.
 */
export const STORE_BOT_REPLIES = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
        $7::float8[], $8::text[], $9::text[], $10::text[], $11::text[], $12::boolean[], $13::text[],
        $14::boolean[])
      AS i("conversationId", "visitorId", "clientId", "messageId", "body", "intent", "confidence",
        "modelVersionId", "citations", "choices", "answers", "fallback", "botState", "unsure")
  ), next AS (
    UPDATE "Conversation" c
    SET "lastSeq" = c."lastSeq" + 1,
        "lastMessageAt" = now() AT TIME ZONE 'UTC',
        "updatedAt" = now() AT TIME ZONE 'UTC',
        "fallbackCount" = CASE WHEN i."fallback" THEN c."fallbackCount" + 1 ELSE 0 END,
        "botState" = coalesce(i."botState"::jsonb, c."botState")
    FROM input i
    WHERE c."id" = i."conversationId" AND c."visitorId" = i."visitorId"
      AND ${BOT_ANSWERS}
      AND NOT EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = i."conversationId"
                      AND m."clientId" = i."clientId")
    RETURNING c.*, i."messageId" AS "i_messageId", i."clientId" AS "i_clientId",
      i."body" AS "i_body", i."intent" AS "i_intent", i."confidence" AS "i_confidence",
      i."modelVersionId" AS "i_modelVersionId", i."citations" AS "i_citations",
      i."choices" AS "i_choices", i."answers" AS "i_answers", i."unsure" AS "i_unsure"
  ), inserted AS (
    INSERT INTO "Message" ("id", "conversationId", "seq", "sender", "authorId", "clientId", "body",
      "isPrivate", "intent", "confidence", "modelVersionId", "citations", "choices", "createdAt")
    SELECT n."i_messageId", n."id", n."lastSeq", 'bot', NULL, n."i_clientId", n."i_body", false,
      n."i_intent", n."i_confidence", n."i_modelVersionId", n."i_citations"::jsonb,
      n."i_choices"::jsonb, n."lastMessageAt"
    FROM next n
    RETURNING *
  ), answered AS (
    -- As STORE_MESSAGE: the turn leaves the outbox whether or not its reply was stored now.
    DELETE FROM "BotTurn" WHERE "messageId" = ANY($11::text[])
  ), claimed AS (
    -- Each conversation's next waiting turn, claimed in the same commit (bot-turns.ts claimNextTurn).
    UPDATE "BotTurn" b SET "dueAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => $15::float8),
      "attempts" = b."attempts" + 1
    FROM (SELECT (SELECT "messageId" FROM "BotTurn" WHERE "conversationId" = n."id"
                    AND "messageId" <> n."i_answers" ORDER BY "seq" LIMIT 1) AS "messageId"
          FROM next n) waiting
    WHERE b."messageId" = waiting."messageId" AND b."dueAt" <= now() AT TIME ZONE 'UTC'
    RETURNING b."messageId", b."conversationId", b."attempts"
  ), reviewed AS (
    UPDATE "Message" r SET "reviewState" = 'pending'
    FROM next n WHERE r."id" = n."i_answers" AND n."i_unsure"
  )
  SELECT m.*, NULL::int AS "c_botTurn", n."botState" AS "c_botState",
    CASE WHEN cl."messageId" IS NOT NULL THEN
      (SELECT coalesce(json_agg(h ORDER BY h."seq"), '[]'::json) FROM (
        SELECT "sender", "body", "choices", "seq" FROM "Message"
        WHERE "conversationId" = m."conversationId" AND NOT "isPrivate" AND "seq" < w."seq"
        ORDER BY "seq" DESC LIMIT $16::int) h)
    END AS "c_history",
    cl."attempts" AS "n_attempts",
    CASE WHEN w."id" IS NOT NULL THEN to_json(w) END AS "n_message",
    ${conversationColumns('n')}
  FROM inserted m JOIN next n ON n."id" = m."conversationId"
    LEFT JOIN claimed cl ON cl."conversationId" = m."conversationId"
    LEFT JOIN "Message" w ON w."id" = cl."messageId"`;

export interface BatchedMessage {
  /** At most one message per conversation (or visitor, for LATEST_CONVERSATION) and statement. */
  conversationId: string;
  /** The new message's id: its result row is found by it. */
  id: string;
  /** One value per array parameter of the statement. */
  columns: unknown[];
  /** Stores this message alone (STORE_MESSAGE): a batch that failed as a whole retries each so. */
  alone: () => Promise<unknown[]>;
}

interface Pending {
  message: BatchedMessage;
  resolve: (rows: unknown[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Sends messages of distinct conversations together through one prepared statement whose first
 * parameters are arrays (one per column) and the rest `constants`.
 */
export class StatementBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** Conversations with a message in a statement now: their next message waits for it. */
  private storing = new Set<string>();

  constructor(
    private readonly name: string,
    private readonly text: string,
    private readonly constants: unknown[],
    /** The result column that holds a message's `id`. */
    private readonly rowKey = 'id',
  ) {}

  /** Resolves with the message's result row ([] when nothing was stored) after the commit. */
  store(message: BatchedMessage): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || !this.queue.length) return;
    this.scheduled = true;
    // After the event-loop turn's other I/O: messages that arrived in it go together.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length) {
      const batch: Pending[] = [];
      const rest: Pending[] = [];
      const taken = new Set<string>();
      for (const pending of this.queue) {
        const { conversationId } = pending.message;
        // One message per conversation and statement, in the order they came: a conversation's
        // next message waits for the statement storing the one before.
        if (
          batch.length < MAX_BATCH &&
          !taken.has(conversationId) &&
          !this.storing.has(conversationId)
        ) {
          batch.push(pending);
        } else rest.push(pending);
        taken.add(conversationId);
      }
      this.queue = rest;
      if (!batch.length) return;
      this.inFlight += 1;
      for (const { message } of batch) this.storing.add(message.conversationId);
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        for (const { message } of batch) this.storing.delete(message.conversationId);
        this.schedule();
      });
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    if (batch.length === 1) {
      // Alone: its own statement, whose plan and errors (a unique violation) the caller knows.
      const [{ message, resolve, reject }] = batch;
      await message.alone().then(resolve, reject);
      return;
    }
    const columns = batch[0].message.columns.map((_, i) =>
      batch.map(({ message }) => message.columns[i]),
    );
    let rows: Record<string, unknown>[];
    try {
      rows = await preparedQuery<Record<string, unknown>>(this.name, this.text, [
        ...columns,
        ...this.constants,
      ]);
    } catch (error) {
      // Two sends of one message at the same instant (a unique violation), or two nodes'
      // statements locking the same conversations in opposite orders (a deadlock): the whole
      // statement failed, so each message is stored on its own, and fails or not by itself.
      if (!isRetriable(error)) {
        for (const { reject } of batch) reject(error);
        return;
      }
      await Promise.all(
        batch.map(({ message, resolve, reject }) => message.alone().then(resolve, reject)),
      );
      return;
    }
    const byId = new Map(rows.map((row) => [row[this.rowKey], row]));
    for (const { message, resolve } of batch) {
      const row = byId.get(message.id);
      resolve(row ? [row] : []);
    }
  }
}

function isRetriable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === '40P01';
}
