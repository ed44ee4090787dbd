import { ActionError } from '@/lib/auth';
import { getTrainingRun } from '@/lib/intents';
import { cancelTrainingRun } from '@/lib/training';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

type Params = { runId: string };

/** Progress and log of a run; the page polls it while the run is going. */
export const GET = siteRoute<Params>(async ({ siteId, params }) => {
  const run = await getTrainingRun(siteId, params.runId);
  if (!run) throw new ActionError('not_found', 'No such training run');
  return { run };
});

export const DELETE = siteRoute<Params>(async ({ siteId, params }) => ({
  cancelled: await cancelTrainingRun({ siteId, runId: params.runId }),
}));
