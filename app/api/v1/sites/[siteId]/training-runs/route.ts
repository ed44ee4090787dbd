import { endpoints } from '@/lib/api';
import { ActionError } from '@/lib/auth';
import { getTrainingRun } from '@/lib/intents';
import { startTrainingRun } from '@/lib/training';
import { apiRoute } from '../../../_lib/api-route';

export const POST = apiRoute(endpoints.startTraining, async ({ caller, params }) => {
  const started = await startTrainingRun({ siteId: params.siteId, actorId: caller.actor.userId });
  const run = await getTrainingRun(params.siteId, started.id);
  if (!run) throw new ActionError('not_found', 'No such training run');
  return { run };
});
