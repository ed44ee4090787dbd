import { endpoints } from '@/lib/api';
import { deleteIntent, renameIntent, setIntentFlags } from '@/lib/intents';
import { apiRoute } from '../../../../_lib/api-route';
import { requireIntent } from './require-intent';

export const GET = apiRoute(endpoints.getIntent, ({ params }) =>
  requireIntent(params.siteId, params.intentId),
);

/** A new name and new flags are two actions, each audited; the name goes first. */
export const PATCH = apiRoute(endpoints.updateIntent, async ({ caller, params, body }) => {
  const { name, handoff, rephrase } = body;
  if (name !== undefined)
    await renameIntent(caller.actor, params.siteId, params.intentId, { name });
  if (handoff !== undefined || rephrase !== undefined) {
    await setIntentFlags(caller.actor, params.siteId, params.intentId, { handoff, rephrase });
  }
  return requireIntent(params.siteId, params.intentId);
});

export const DELETE = apiRoute(endpoints.deleteIntent, ({ caller, params }) =>
  deleteIntent(caller.actor, params.siteId, params.intentId),
);
