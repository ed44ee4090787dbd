import { z } from 'zod';
import { readBody } from '@/lib/auth';
import { mergeIntents } from '@/lib/intents';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

export const POST = siteRoute(async ({ member, siteId, request }) =>
  mergeIntents(member, siteId, await readBody(request, z.unknown())),
);
