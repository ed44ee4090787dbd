import { z } from 'zod';
import { readBody } from '@/lib/auth';
import { createSite, listSites } from '@/lib/sites';
import { adminRoute } from '@/app/api/admin/_lib/site-route';

export const GET = adminRoute(async ({ member }) => ({
  sites: await listSites(member.workspaceId),
}));

export const POST = adminRoute(async ({ member, request }) =>
  createSite(member, await readBody(request, z.unknown())),
);
