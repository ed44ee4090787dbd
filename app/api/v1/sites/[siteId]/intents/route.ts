import { endpoints } from '@/lib/api';
import { createIntent, listIntents } from '@/lib/intents';
import { apiRoute } from '../../../_lib/api-route';

export const GET = apiRoute(endpoints.listIntents, ({ params }) => listIntents(params.siteId));

export const POST = apiRoute(endpoints.createIntent, ({ caller, params, body }) =>
  createIntent(caller.actor, params.siteId, body),
);
