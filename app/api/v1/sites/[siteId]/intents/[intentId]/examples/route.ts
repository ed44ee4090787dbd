import { endpoints } from '@/lib/api';
import { addIntentExamples } from '@/lib/intents';
import { apiRoute } from '../../../../../_lib/api-route';
import { requireIntent } from '../require-intent';

export const GET = apiRoute(endpoints.listExamples, async ({ params }) => ({
  examples: (await requireIntent(params.siteId, params.intentId)).examples,
}));

export const POST = apiRoute(endpoints.addExamples, ({ caller, params, body }) =>
  addIntentExamples(caller.actor, params.siteId, params.intentId, body),
);
