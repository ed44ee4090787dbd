import { z } from 'zod';
import { readBody } from '@/lib/auth';
import { saveIntentSlots } from '@/lib/intents';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

export const PUT = siteRoute<{ intentId: string }>(async ({ member, siteId, params, request }) =>
  saveIntentSlots(member, siteId, params.intentId, await readBody(request, z.unknown())),
);
