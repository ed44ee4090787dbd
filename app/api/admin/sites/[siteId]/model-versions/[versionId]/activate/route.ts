import { activateModelVersion } from '@/lib/training';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

/** Makes the version live on every node; rolling back is activating an older one. */
export const POST = siteRoute<{ versionId: string }>(async ({ member, siteId, params }) => {
  await activateModelVersion({ siteId, versionId: params.versionId, actorId: member.userId });
});
