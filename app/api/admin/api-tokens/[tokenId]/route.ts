import { revokeApiToken } from '@/lib/api';
import { adminRoute } from '@/app/api/admin/_lib/site-route';

export const DELETE = adminRoute<{ tokenId: string }>(async ({ member, params }) =>
  revokeApiToken(member, params),
);
