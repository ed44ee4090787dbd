import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';

/** One request made with a token: when it was last used, and an audit row naming what it did. */
export async function recordApiUse(use: {
  tokenId: string;
  workspaceId: string;
  actorId: string | null;
  method: string;
  /** The URL's path (ids only; the query string may carry personal data, e.g. an email filter). */
  path: string;
  status: number;
}): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: use.tokenId }, data: { lastUsedAt: new Date() } });
    await recordAuditEvent(
      {
        workspaceId: use.workspaceId,
        actorId: use.actorId,
        action: 'api_token.used',
        target: `api_token:${use.tokenId}`,
        details: { method: use.method, path: use.path, status: use.status },
      },
      tx,
    );
  });
}
