import { randomBytes } from 'node:crypto';
import { recordAuditEvent } from '@/lib/audit';
import { hashToken } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { API_TOKEN_PREFIX, CreateApiTokenSchema, type ApiTokenView } from '@/lib/schemas/api';
import { assertAdmin, type Admin } from '@/lib/sites/workspace-site';
import { toApiTokenView } from './list-api-tokens';

/** Characters of the secret kept in clear beside its hash, enough to tell tokens apart. */
const SHOWN_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 6;

/**
 * An admin creates a token for the REST API. It acts as that admin within its role; only its hash
 * is stored, so the secret is returned this once.
 */
export async function createApiToken(
  admin: Admin,
  input: unknown,
): Promise<{ token: ApiTokenView; secret: string }> {
  assertAdmin(admin);
  const { name, role } = CreateApiTokenSchema.parse(input);
  const secret = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const token = await db().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        workspaceId: admin.workspaceId,
        name,
        role,
        prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
        secretHash: hashToken(secret),
        createdById: admin.userId,
      },
      include: { createdBy: { select: { name: true } } },
    });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'api_token.created',
        target: `api_token:${created.id}`,
        details: { name, role, prefix: created.prefix },
      },
      tx,
    );
    return created;
  });
  return { token: toApiTokenView(token), secret };
}
