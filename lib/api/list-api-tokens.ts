import { db, type ApiToken } from '@/lib/db';
import type { ApiTokenView } from '@/lib/schemas/api';

/** The workspace's API tokens, newest first, revoked ones included (they explain audit rows). */
export async function listApiTokens(workspaceId: string): Promise<ApiTokenView[]> {
  const tokens = await db().apiToken.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: { createdBy: { select: { name: true } } },
  });
  return tokens.map(toApiTokenView);
}

export function toApiTokenView(
  token: ApiToken & { createdBy: { name: string } | null },
): ApiTokenView {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    prefix: token.prefix,
    createdBy: token.createdBy?.name ?? null,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
  };
}
