import { ActionError } from '@/lib/auth/errors';
import { hashToken } from '@/lib/auth/session';
import type { AgentActor } from '@/lib/conversations';
import { db } from '@/lib/db';
import { API_TOKEN_PREFIX, type ApiTokenRole } from '@/lib/schemas/api';

/** Who is calling the REST API: a token, and the admin it acts as. */
export interface ApiCaller {
  tokenId: string;
  role: ApiTokenRole;
  /** The token's creator, read fresh: a token stops working when they stop being an admin. */
  actor: AgentActor;
}

/** A revoked token is still identified, so its refused use can be audited. */
export class RevokedApiTokenError extends ActionError {
  constructor(
    readonly tokenId: string,
    readonly workspaceId: string,
  ) {
    super('unauthenticated', 'This API token was revoked');
  }
}

/** The caller behind `Authorization: Bearer hearth_…`; anything else is 401. */
export async function authenticateApiToken(authorization: string | null): Promise<ApiCaller> {
  const secret = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!secret) {
    throw new ActionError('unauthenticated', 'Send an API token: Authorization: Bearer hearth_…');
  }
  // A malformed secret never reaches the database.
  if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length > 100) {
    throw new ActionError('unauthenticated', 'Unknown API token');
  }
  const token = await db().apiToken.findUnique({
    where: { secretHash: hashToken(secret) },
    select: { id: true, workspaceId: true, role: true, revokedAt: true, createdById: true },
  });
  if (!token) throw new ActionError('unauthenticated', 'Unknown API token');
  if (token.revokedAt) throw new RevokedApiTokenError(token.id, token.workspaceId);
  const creator = token.createdById
    ? await db().membership.findUnique({
        where: {
          workspaceId_userId: { workspaceId: token.workspaceId, userId: token.createdById },
        },
        select: { role: true, user: { select: { id: true, name: true } } },
      })
    : null;
  if (creator?.role !== 'admin') {
    throw new ActionError(
      'unauthenticated',
      'The admin who created this API token is no longer an admin of the workspace',
    );
  }
  return {
    tokenId: token.id,
    role: token.role,
    actor: {
      userId: creator.user.id,
      workspaceId: token.workspaceId,
      role: 'admin',
      name: creator.user.name,
    },
  };
}
