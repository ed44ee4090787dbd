import type { z } from 'zod';
import {
  claimDueJobs,
  deleteJob,
  LEASE_MS,
  releaseJobs,
  renewJobs,
  runJobLater,
  schedulePeriodicJob,
  type ClaimedJob,
} from './job-rows';

export interface JobContext {
  /** The job's row: work that is one transaction deletes it there, so it is done exactly once. */
  id: string;
  /** Claims so far, this one included (a crash mid-run counts as one). */
  attempts: number;
  /** Aborted when the node shuts down: the job is given back and runs again elsewhere. */
  signal: AbortSignal;
}

/** Nothing: done. `{ retryInMs }`: run again that much later (a retry with backoff). */
export type JobOutcome = void | { retryInMs: number };

export interface JobDefinition<P> {
  kind: string;
  payload: z.ZodType<P>;
  run(payload: P, job: JobContext): Promise<JobOutcome>;
  /** A periodic job: one row, due at every node's start and then every `everyMs`. */
  everyMs?: number;
}

export interface JobRunnerOptions {
  /** How often this node looks for due jobs (a job queued on this node is looked for at once). */
  sweepEveryMs?: number;
  /** Jobs this node runs at once; their work is mostly waiting on other servers. */
  concurrency?: number;
}

export interface JobRunner {
  /** Stops claiming, lets running jobs finish for up to `drainMs`, then gives the rest back. */
  stop(drainMs: number): Promise<void>;
}

/** A job that threw (a database failure, a bug) runs again after this. */
const FAILED_RETRY_MS = 60_000;
const SHUTDOWN = new Error('The server is shutting down');

// On globalThis: actions in Next's bundle queue jobs too, and nudge the one runner server.ts started.
const globalForJobs = globalThis as unknown as { hearthJobSweep?: () => void };

/**
 * Runs the durable jobs (table "Job") of the given kinds on this node: every node sweeps for due
 * jobs and claims them with a lease, so a job queued anywhere runs once, on some node, even if the
 * node that queued it died.
 */
export function startJobRunner(
  definitions: JobDefinition<unknown>[],
  options: JobRunnerOptions = {},
): JobRunner {
  const byKind = new Map(definitions.map((definition) => [definition.kind, definition]));
  const kinds = [...byKind.keys()];
  const concurrency = options.concurrency ?? 4;
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let stopping = false;
  let sweeping = false;

  const runOne = async (job: ClaimedJob, signal: AbortSignal): Promise<void> => {
    const definition = byKind.get(job.kind)!;
    const payload = definition.payload.safeParse(job.payload);
    if (!payload.success) {
      console.error(`jobs: ${job.kind} ${job.id} has an unreadable payload; dropped`);
      return deleteJob(job.id);
    }
    try {
      const outcome = await definition.run(payload.data, {
        id: job.id,
        attempts: job.attempts,
        signal,
      });
      if (outcome) await runJobLater(job.id, outcome.retryInMs);
      else if (definition.everyMs) await runJobLater(job.id, definition.everyMs, true);
      else await deleteJob(job.id);
    } catch (error) {
      if (signal.reason === SHUTDOWN) return releaseJobs([job.id]);
      console.error(`jobs: ${job.kind} ${job.id} failed (attempt ${job.attempts}):`, error);
      await runJobLater(job.id, definition.everyMs ?? FAILED_RETRY_MS);
    }
  };

  const start = (job: ClaimedJob) => {
    const controller = new AbortController();
    const done = runOne(job, controller.signal)
      .catch((error: Error) => console.error(`jobs: ${job.kind} ${job.id}: ${error.message}`))
      .finally(() => running.delete(job.id));
    running.set(job.id, { controller, done });
  };

  const sweep = () => {
    if (stopping || sweeping) return;
    sweeping = true;
    claimDueJobs(kinds, concurrency - running.size)
      .then((jobs) =>
        // Claimed while the node began stopping: given back for another node.
        stopping ? releaseJobs(jobs.map((job) => job.id)) : jobs.forEach(start),
      )
      .catch((error: Error) => console.error(`jobs: sweep failed: ${error.message}`))
      .finally(() => (sweeping = false));
  };

  globalForJobs.hearthJobSweep = sweep;
  const periodic = definitions.filter((definition) => definition.everyMs);
  void Promise.all(periodic.map((definition) => schedulePeriodicJob(definition.kind)))
    .catch((error: Error) => console.error(`jobs: cannot schedule periodic jobs: ${error.message}`))
    .finally(sweep);
  const sweepTimer = setInterval(sweep, options.sweepEveryMs ?? 1_000).unref();
  const renewTimer = setInterval(() => {
    renewJobs([...running.keys()]).catch((error: Error) =>
      console.error(`jobs: lease renewal failed: ${error.message}`),
    );
  }, LEASE_MS / 3).unref();

  return {
    stop: async (drainMs) => {
      stopping = true;
      clearInterval(sweepTimer);
      clearInterval(renewTimer);
      if (globalForJobs.hearthJobSweep === sweep) globalForJobs.hearthJobSweep = undefined;
      const finished = () => Promise.allSettled([...running.values()].map((job) => job.done));
      await Promise.race([finished(), delay(drainMs)]);
      for (const job of running.values()) job.controller.abort(SHUTDOWN);
      await Promise.race([finished(), delay(1_000)]);
      // Jobs that ignored the abort: their leases would otherwise hold them for LEASE_MS.
      await releaseJobs([...running.keys()]).catch(() => {});
    },
  };
}

/** Typed at the definition, stored untyped: the runner validates each payload with its schema. */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

/** Looks for due jobs now rather than at the next sweep (after queueing one on this node). */
export function nudgeJobs(): void {
  globalForJobs.hearthJobSweep?.();
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
