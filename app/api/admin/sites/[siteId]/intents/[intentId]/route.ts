import { z } from 'zod';
import { ActionError, readBody } from '@/lib/auth';
import { deleteIntent, getIntent, renameIntent } from '@/lib/intents';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

type Params = { intentId: string };

export const GET = siteRoute<Params>(async ({ siteId, params }) => {
  const intent = await getIntent(siteId, params.intentId);
  if (!intent) throw new ActionError('not_found', 'No such intent');
  return intent;
});

export const PATCH = siteRoute<Params>(async ({ member, siteId, params, request }) =>
  renameIntent(member, siteId, params.intentId, await readBody(request, z.unknown())),
);

export const DELETE = siteRoute<Params>(async ({ member, siteId, params }) =>
  deleteIntent(member, siteId, params.intentId),
);
