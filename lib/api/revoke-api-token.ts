import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit';
import { ActionError } from '@/lib/auth/errors';
import { db } from '@/lib/db';
import { PathIdSchema } from '@/lib/schemas/api';
import { assertAdmin, type Admin } from '@/lib/sites/workspace-site';

const RevokeApiTokenSchema = z.object({ tokenId: PathIdSchema });

/** An admin revokes a token: its next request is refused (401). Revoking twice changes nothing. */
export async function revokeApiToken(admin: Admin, input: unknown): Promise<void> {
  assertAdmin(admin);
  const { tokenId } = RevokeApiTokenSchema.parse(input);
  await db().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: tokenId, workspaceId: admin.workspaceId },
      select: { id: true, name: true, revokedAt: true },
    });
    if (!token) throw new ActionError('not_found', 'No such API token');
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'api_token.revoked',
        target: `api_token:${token.id}`,
        details: { name: token.name },
      },
      tx,
    );
  });
}
