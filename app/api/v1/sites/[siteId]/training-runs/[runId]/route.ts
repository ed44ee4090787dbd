import { endpoints } from '@/lib/api';
import { ActionError } from '@/lib/auth';
import { getTrainingRun } from '@/lib/intents';
import { apiRoute } from '../../../../_lib/api-route';

export const GET = apiRoute(endpoints.getTrainingRun, async ({ params }) => {
  const run = await getTrainingRun(params.siteId, params.runId);
  if (!run) throw new ActionError('not_found', 'No such training run');
  return { run };
});
