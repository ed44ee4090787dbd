import { z } from 'zod';
import { readBody } from '@/lib/auth';
import { updateRetention } from '@/lib/sites';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

export const PUT = siteRoute(async ({ member, siteId, request }) =>
  updateRetention(member, siteId, await readBody(request, z.unknown())),
);
