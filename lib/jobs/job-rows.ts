import { randomUUID } from 'node:crypto';
import { db, type Prisma } from '@/lib/db';

/** A job this node claimed: its lease runs until `runAt` (renewed while it runs). */
export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  /** Claims so far, this one included. */
  attempts: number;
}

/**
 * How long a claim holds without renewal; a dead node's jobs are taken over after this.
 * JOB_LEASE_MS shortens it for the fault tests, which wait for a killed node's leases to run out.
 */
export const LEASE_MS = Number(process.env.JOB_LEASE_MS || 60_000);

/** Queues a job, in the caller's transaction when given, so it commits with what caused it. */
export async function enqueueJob(
  kind: string,
  payload: Prisma.InputJsonValue,
  options: { runAt?: Date; tx?: Prisma.TransactionClient } = {},
): Promise<void> {
  await (options.tx ?? db()).job.create({
    data: { kind, payload, runAt: options.runAt ?? new Date() },
  });
}

/**
 * Makes sure the periodic job of `kind` exists and is due now (every node asks at start, so it
 * also runs at each start; running it twice at once must be harmless).
 */
export async function schedulePeriodicJob(kind: string): Promise<void> {
  await db().$executeRaw`
    INSERT INTO "Job" ("id", "kind", "key", "runAt") VALUES (${randomUUID()}, ${kind}, ${kind}, now() AT TIME ZONE 'UTC')
    ON CONFLICT ("key") DO UPDATE SET "runAt" = least("Job"."runAt", now() AT TIME ZONE 'UTC')`;
}

/**
 * Claims up to `limit` due jobs of the given kinds. Nodes sweeping at once skip each other's rows
 * (SKIP LOCKED); the claim moves `runAt` one lease ahead.
 */
export async function claimDueJobs(kinds: string[], limit: number): Promise<ClaimedJob[]> {
  if (limit <= 0 || !kinds.length) return [];
  return db().$queryRaw<ClaimedJob[]>`
    WITH due AS (
      SELECT "id" FROM "Job"
      WHERE "runAt" <= now() AT TIME ZONE 'UTC' AND "kind" = ANY(${kinds})
      ORDER BY "runAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "Job" j SET "runAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => ${LEASE_MS / 1000}::float8),
      "attempts" = j."attempts" + 1
    FROM due WHERE j."id" = due."id"
    RETURNING j."id", j."kind", j."payload", j."attempts"`;
}

/** Keeps the claims of jobs still running. */
export async function renewJobs(ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db().$executeRaw`
    UPDATE "Job" SET "runAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => ${LEASE_MS / 1000}::float8)
    WHERE "id" = ANY(${ids})`;
}

/** Done: a one-off job is deleted. */
export async function deleteJob(id: string): Promise<void> {
  await db().job.deleteMany({ where: { id } });
}

/** Runs again after `delayMs` (a retry, or a periodic job's next run). */
export async function runJobLater(
  id: string,
  delayMs: number,
  resetAttempts = false,
): Promise<void> {
  await db().$executeRaw`
    UPDATE "Job" SET "runAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => ${delayMs / 1000}::float8),
      "attempts" = CASE WHEN ${resetAttempts} THEN 0 ELSE "attempts" END
    WHERE "id" = ${id}`;
}

/** Gives claims back unused (shutting down): any node takes them at once, the attempt uncounted. */
export async function releaseJobs(ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db().$executeRaw`
    UPDATE "Job" SET "runAt" = now() AT TIME ZONE 'UTC', "attempts" = greatest("attempts" - 1, 0)
    WHERE "id" = ANY(${ids})`;
}
