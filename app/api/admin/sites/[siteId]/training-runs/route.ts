import { latestTrainingRun } from '@/lib/intents';
import { startTrainingRun } from '@/lib/training';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

export const GET = siteRoute(async ({ siteId }) => ({ run: await latestTrainingRun(siteId) }));

/** Starts a training job; 409 with `error.runId` when one is already running. */
export const POST = siteRoute(async ({ member, siteId }) => {
  const run = await startTrainingRun({ siteId, actorId: member.userId });
  return { runId: run.id };
});
