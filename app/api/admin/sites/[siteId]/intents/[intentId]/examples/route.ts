import { z } from 'zod';
import { readBody } from '@/lib/auth';
import { addIntentExamples, removeIntentExamples } from '@/lib/intents';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

type Params = { intentId: string };

/** Bulk paste: `{ examples: string[] }`; answers with duplicates skipped and conflicts flagged. */
export const POST = siteRoute<Params>(async ({ member, siteId, params, request }) =>
  addIntentExamples(member, siteId, params.intentId, await readBody(request, z.unknown())),
);

export const DELETE = siteRoute<Params>(async ({ member, siteId, params, request }) =>
  removeIntentExamples(member, siteId, params.intentId, await readBody(request, z.unknown())),
);
