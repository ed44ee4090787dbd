import { ActionError } from '@/lib/auth/errors';
import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import { CreateIntentSchema } from '@/lib/schemas/intent';
import { requireWorkspaceSite, type Admin } from '@/lib/sites/workspace-site';

export async function createIntent(
  admin: Admin,
  siteId: string,
  input: unknown,
): Promise<{ id: string; name: string }> {
  const { name, description } = CreateIntentSchema.parse(input);
  return db().$transaction(async (tx) => {
    await requireWorkspaceSite(admin, siteId, tx);
    if (await tx.intent.findUnique({ where: { siteId_name: { siteId, name } } })) {
      throw new ActionError('conflict', `An intent named "${name}" already exists`);
    }
    const intent = await tx.intent.create({ data: { siteId, name, description } });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'intent.created',
        target: `intent:${intent.id}`,
        details: { siteId, name },
      },
      tx,
    );
    return { id: intent.id, name: intent.name };
  });
}
