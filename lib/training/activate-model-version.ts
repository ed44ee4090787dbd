import { ActionError } from '@/lib/auth/errors';
import { db } from '@/lib/db';
import { queueWebhookEvent } from '@/lib/webhooks';
import { lockSite } from './archive-model-versions';
import { NotFoundError } from './errors';
import { reloadLiveClassifier, reloadLiveModelOnCommit } from './live-classifier';

/**
 * Makes a trained version the site's live model, on every node: the change commits with a Postgres
 * notification that each node's live-classifier cache listens to. Rolling back is the same act.
 */
export async function activateModelVersion(input: {
  siteId: string;
  versionId: string;
  actorId?: string;
}): Promise<void> {
  await db().$transaction(async (tx) => {
    // A training run finishing now archives old versions under the same lock.
    await lockSite(tx, input.siteId);
    const version = await tx.modelVersion.findFirst({
      where: { id: input.versionId, siteId: input.siteId },
      select: {
        id: true,
        version: true,
        archivedAt: true,
        site: { select: { workspaceId: true } },
      },
    });
    if (!version) throw new NotFoundError('Model version');
    if (version.archivedAt) {
      throw new ActionError(
        'conflict',
        `Version ${version.version} was archived: only its scores were kept, so it cannot go live again`,
      );
    }
    await tx.site.update({
      where: { id: input.siteId },
      data: { activeModelVersionId: version.id },
    });
    await tx.modelVersion.update({ where: { id: version.id }, data: { activatedAt: new Date() } });
    await tx.auditEvent.create({
      data: {
        workspaceId: version.site.workspaceId,
        actorId: input.actorId,
        action: 'model.activated',
        target: `site:${input.siteId}`,
        details: { versionId: version.id, version: version.version },
      },
    });
    await queueWebhookEvent(
      input.siteId,
      'model.activated',
      { modelVersion: { id: version.id, version: version.version } },
      tx,
    );
    await reloadLiveModelOnCommit(tx, input.siteId);
  });
  // Other nodes swap on the notification; this one swaps before returning, so its next reply uses it.
  await reloadLiveClassifier(input.siteId);
}
