import { z } from 'zod';
import { readBody } from '@/lib/auth';
import { saveCustomEntities } from '@/lib/intents';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

/** Replaces the site's custom entities: `{ entities: CustomEntity[] }`. */
export const PUT = siteRoute(async ({ member, siteId, request }) =>
  saveCustomEntities(member, siteId, await readBody(request, z.unknown())),
);
