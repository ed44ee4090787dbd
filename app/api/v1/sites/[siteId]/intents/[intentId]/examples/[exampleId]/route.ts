import { endpoints } from '@/lib/api';
import { ActionError } from '@/lib/auth';
import { removeIntentExamples } from '@/lib/intents';
import { apiRoute } from '../../../../../../_lib/api-route';

export const DELETE = apiRoute(endpoints.deleteExample, async ({ caller, params }) => {
  const { removed } = await removeIntentExamples(caller.actor, params.siteId, params.intentId, {
    exampleIds: [params.exampleId],
  });
  if (removed === 0) throw new ActionError('not_found', 'No such example');
});
