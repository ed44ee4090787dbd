import { readBody } from '@/lib/auth';
import { TestConsoleTurnSchema } from '@/lib/schemas/site-admin';
import { testMessage } from '@/lib/sites';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

export const POST = siteRoute(async ({ siteId, request }) =>
  testMessage(siteId, await readBody(request, TestConsoleTurnSchema)),
);
