import { z } from 'zod';
import { readBody } from '@/lib/auth';
import { moveIntentExamples } from '@/lib/intents';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

export const POST = siteRoute<{ intentId: string }>(async ({ member, siteId, params, request }) =>
  moveIntentExamples(member, siteId, params.intentId, await readBody(request, z.unknown())),
);
