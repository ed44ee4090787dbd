import { endpoints } from '@/lib/api';
import { ActionError } from '@/lib/auth';
import { editIntentExample, removeIntentExamples } from '@/lib/intents';
import { apiRoute } from '../../../../../../_lib/api-route';
import { requireIntent } from '../../require-intent';

export const PATCH = apiRoute(endpoints.updateExample, async ({ caller, params, body }) => {
  const { siteId, intentId, exampleId } = params;
  await editIntentExample(caller.actor, siteId, intentId, exampleId, body);
  const example = (await requireIntent(siteId, intentId)).examples.find(
    (candidate) => candidate.id === exampleId,
  );
  if (!example) throw new ActionError('not_found', 'No such example');
  return example;
});

export const DELETE = apiRoute(endpoints.deleteExample, async ({ caller, params }) => {
  const { removed } = await removeIntentExamples(caller.actor, params.siteId, params.intentId, {
    exampleIds: [params.exampleId],
  });
  if (removed === 0) throw new ActionError('not_found', 'No such example');
});
