import { db } from '@/lib/db';

/**
 * The bot's outbox (table "BotTurn"): storeMessage inserts a turn in the statement that stores a
 * visitor message of a conversation the bot handles, so a committed message always has either
 * its reply or a pending turn. A turn is claimed for a lease (renewed while it runs) and deleted
 * once its reply is stored; a node that dies leaves its leases to expire and any node claims them again.
 * Only the oldest turn of a conversation is claimable, so replies keep the messages' order on
 * every node. The reply's clientId (`bot:<message id>`) keeps a turn answered twice stored once.
 */
export interface ClaimedTurn {
  messageId: string;
  conversationId: string;
  /** Claims so far, this one included. */
  attempts: number;
}

/**
 * How long a claim holds without renewal; a dead node's turns are taken over after this.
 * BOT_TURN_LEASE_MS shortens it for the fault tests, which wait for a killed node's leases to run out.
 */
export const LEASE_MS = Number(process.env.BOT_TURN_LEASE_MS || 15_000);

/** Claims the conversation's oldest turn if it is due (a retried send, a finished predecessor). */
export async function claimNextTurn(conversationId: string): Promise<ClaimedTurn | null> {
  const [turn] = await db().$queryRaw<ClaimedTurn[]>`
    UPDATE "BotTurn" SET "dueAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => ${LEASE_MS / 1000}::float8),
      "attempts" = "attempts" + 1
    WHERE "messageId" = (SELECT "messageId" FROM "BotTurn" WHERE "conversationId" = ${conversationId}
                         ORDER BY "seq" LIMIT 1)
      AND "dueAt" <= now() AT TIME ZONE 'UTC'
    RETURNING "messageId", "conversationId", "attempts"`;
  return turn ?? null;
}

/** Deletes an answered (or abandoned) turn and, in the same round trip, claims the next one. */
export async function finishTurn(turn: ClaimedTurn): Promise<ClaimedTurn | null> {
  const [next] = await db().$queryRaw<ClaimedTurn[]>`
    WITH done AS (DELETE FROM "BotTurn" WHERE "messageId" = ${turn.messageId})
    UPDATE "BotTurn" SET "dueAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => ${LEASE_MS / 1000}::float8),
      "attempts" = "attempts" + 1
    WHERE "messageId" = (SELECT "messageId" FROM "BotTurn" WHERE "conversationId" = ${turn.conversationId}
                           AND "messageId" <> ${turn.messageId} ORDER BY "seq" LIMIT 1)
      AND "dueAt" <= now() AT TIME ZONE 'UTC'
    RETURNING "messageId", "conversationId", "attempts"`;
  return next ?? null;
}

/**
 * Claims up to `limit` due turns, each the oldest of its conversation. Nodes sweeping at once
 * skip each other's rows (SKIP LOCKED) and the `dueAt` check runs again on the locked row.
 */
export async function claimDueTurns(limit: number): Promise<ClaimedTurn[]> {
  if (limit <= 0) return [];
  return db().$queryRaw<ClaimedTurn[]>`
    WITH due AS (
      SELECT t."messageId" FROM "BotTurn" t
      WHERE t."dueAt" <= now() AT TIME ZONE 'UTC'
        AND NOT EXISTS (SELECT 1 FROM "BotTurn" e
                        WHERE e."conversationId" = t."conversationId" AND e."seq" < t."seq")
      ORDER BY t."dueAt" LIMIT ${limit}
      FOR UPDATE OF t SKIP LOCKED
    )
    UPDATE "BotTurn" t SET "dueAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => ${LEASE_MS / 1000}::float8),
      "attempts" = t."attempts" + 1
    FROM due WHERE t."messageId" = due."messageId"
    RETURNING t."messageId", t."conversationId", t."attempts"`;
}

/** Keeps the claims of turns still running. */
export async function renewTurns(messageIds: string[]): Promise<void> {
  if (!messageIds.length) return;
  await db().$executeRaw`
    UPDATE "BotTurn" SET "dueAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => ${LEASE_MS / 1000}::float8)
    WHERE "messageId" = ANY(${messageIds})`;
}

/** A failed attempt: due again after `delayMs`. */
export async function retryTurnLater(turn: ClaimedTurn, delayMs: number): Promise<void> {
  await db().$executeRaw`
    UPDATE "BotTurn" SET "dueAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => ${delayMs / 1000}::float8)
    WHERE "messageId" = ${turn.messageId}`;
}

/** Gives claims back unused (shutting down): any node takes them at once, the attempt uncounted. */
export async function releaseTurns(messageIds: string[]): Promise<void> {
  if (!messageIds.length) return;
  await db().$executeRaw`
    UPDATE "BotTurn" SET "dueAt" = now() AT TIME ZONE 'UTC', "attempts" = greatest("attempts" - 1, 0)
    WHERE "messageId" = ANY(${messageIds})`;
}
