import { db } from '@/lib/db';
import { abortLocalTrainingRun } from './start-training-run';

/**
 * Cancels a queued or running training run of the site. The node running it stops at its next
 * progress report (at once when it is this node). Returns false when the run had already finished.
 */
export async function cancelTrainingRun(input: {
  siteId: string;
  runId: string;
}): Promise<boolean> {
  const { count } = await db().trainingRun.updateMany({
    where: { id: input.runId, siteId: input.siteId, status: { in: ['queued', 'running'] } },
    data: { status: 'cancelled', finishedAt: new Date() },
  });
  // Only a run of the caller's site may be stopped: the id alone may name another workspace's run.
  if (count === 0) return false;
  abortLocalTrainingRun(input.runId);
  return true;
}
