import { z } from 'zod';
import { BODY_LIMITS, readBody } from '@/lib/auth';
import { importIntents } from '@/lib/intents';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

/** A refused file answers 400 with `error.problems`: `{ line, message }[]`. */
export const POST = siteRoute(async ({ member, siteId, request }) =>
  importIntents(member, siteId, await readBody(request, z.unknown(), BODY_LIMITS.import)),
);
