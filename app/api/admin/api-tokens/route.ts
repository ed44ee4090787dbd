import { z } from 'zod';
import { readBody } from '@/lib/auth';
import { createApiToken, listApiTokens } from '@/lib/api';
import { adminRoute } from '@/app/api/admin/_lib/site-route';

export const GET = adminRoute(async ({ member }) => ({
  tokens: await listApiTokens(member.workspaceId),
}));

/** Answers with the secret, this once. */
export const POST = adminRoute(async ({ member, request }) =>
  createApiToken(member, await readBody(request, z.unknown())),
);
