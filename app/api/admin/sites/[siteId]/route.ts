import { z } from 'zod';
import { readBody } from '@/lib/auth';
import { updateSiteDetails } from '@/lib/sites';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

export const PATCH = siteRoute(async ({ member, siteId, request }) =>
  updateSiteDetails(member, siteId, await readBody(request, z.unknown())),
);
