import { z } from 'zod';
import { readBody } from '@/lib/auth';
import { removeIntentAction, saveIntentAction } from '@/lib/intents';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

type Params = { intentId: string };

/** Sets the intent's action webhook; `?rotate=secret` also replaces its signing secret. */
export const PUT = siteRoute<Params>(async ({ member, siteId, params, request }) =>
  saveIntentAction(member, siteId, params.intentId, await readBody(request, z.unknown()), {
    rotateSecret: new URL(request.url).searchParams.get('rotate') === 'secret',
  }),
);

export const DELETE = siteRoute<Params>(async ({ member, siteId, params }) =>
  removeIntentAction(member, siteId, params.intentId),
);
