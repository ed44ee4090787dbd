import { recordAuditEvent } from '@/lib/audit';
import { db, type Prisma } from '@/lib/db';
import { IntentActionInputSchema, type IntentActionView } from '@/lib/schemas/webhook';
import type { Admin } from '@/lib/sites/workspace-site';
import { newSigningSecret } from '@/lib/webhooks';
import { requireSiteIntent } from './site-intent';

/**
 * Makes the site's system answer the intent: sets (or changes) the action's URL and whether it may
 * be a private address. A new action gets its signing secret; `rotateSecret` replaces it.
 */
export async function saveIntentAction(
  admin: Admin,
  siteId: string,
  intentId: string,
  input: unknown,
  { rotateSecret = false } = {},
): Promise<IntentActionView> {
  const settings = IntentActionInputSchema.parse(input);
  return db().$transaction(async (tx) => {
    const intent = await requireSiteIntent(tx, admin, siteId, intentId);
    const action = await tx.intentAction.upsert({
      where: { intentId: intent.id },
      create: { intentId: intent.id, ...settings, secret: newSigningSecret() },
      update: { ...settings, ...(rotateSecret ? { secret: newSigningSecret() } : {}) },
    });
    await recordIntentActionChange(tx, admin, intent, 'intent.action_saved', {
      url: settings.url,
      allowPrivateAddresses: settings.allowPrivateAddresses,
      secretRotated: rotateSecret,
    });
    return {
      url: action.url,
      secret: action.secret,
      allowPrivateAddresses: action.allowPrivateAddresses,
    };
  });
}

/** The intent is answered with its responses again. */
export async function removeIntentAction(
  admin: Admin,
  siteId: string,
  intentId: string,
): Promise<void> {
  await db().$transaction(async (tx) => {
    const intent = await requireSiteIntent(tx, admin, siteId, intentId);
    await tx.intentAction.deleteMany({ where: { intentId: intent.id } });
    await recordIntentActionChange(tx, admin, intent, 'intent.action_removed');
  });
}

function recordIntentActionChange(
  tx: Prisma.TransactionClient,
  admin: Admin,
  intent: { id: string; name: string },
  action: string,
  details: Prisma.InputJsonObject = {},
): Promise<void> {
  return recordAuditEvent(
    {
      workspaceId: admin.workspaceId,
      actorId: admin.userId,
      action,
      target: `intent:${intent.id}`,
      details: { name: intent.name, ...details },
    },
    tx,
  );
}
