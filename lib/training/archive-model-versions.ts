import type { Prisma } from '@/lib/db';

/**
 * How many of a site's newest versions keep their artifact (the live one always does): enough to
 * roll back weeks of retraining. Every version stored its model (the demo shop's: 284 KB) and a
 * copy of the examples it learned from, visitors' messages added from the review queue among them,
 * for ever; older versions now keep only their scores.
 */
export const KEPT_MODEL_VERSIONS = 20;

/**
 * Drops the artifact and the examples of the site's versions older than the newest `keep`, except
 * the live one, and marks them archived. Runs in the caller's transaction; the site's row is locked
 * first, as activation locks it, so a version being made live is never archived under it.
 */
export async function archiveOldModelVersions(
  tx: Prisma.TransactionClient,
  siteId: string,
  keep = KEPT_MODEL_VERSIONS,
): Promise<number> {
  const site = await lockSite(tx, siteId);
  const newest = await tx.modelVersion.aggregate({ where: { siteId }, _max: { version: true } });
  const newestVersion = newest._max.version;
  if (!site || newestVersion === null) return 0;
  const { count } = await tx.modelVersion.updateMany({
    where: {
      siteId,
      archivedAt: null,
      version: { lte: newestVersion - keep },
      ...(site.activeModelVersionId ? { NOT: { id: site.activeModelVersionId } } : {}),
    },
    data: { artifact: new Uint8Array(), trainingExamples: [], archivedAt: new Date() },
  });
  return count;
}

/**
 * Locks the site's row for the rest of the transaction (activation and archiving take turns) and
 * reads its live version; undefined when there is no such site. NO KEY UPDATE: a new conversation
 * checks its site with a KEY SHARE lock, which FOR UPDATE blocks; measured on the demo's start-up
 * activation at 500 msg/s, visitors' first messages waited 70–230 ms behind it.
 */
export async function lockSite(
  tx: Prisma.TransactionClient,
  siteId: string,
): Promise<{ activeModelVersionId: string | null } | undefined> {
  const [site] = await tx.$queryRaw<{ activeModelVersionId: string | null }[]>`
    SELECT "activeModelVersionId" FROM "Site" WHERE id = ${siteId} FOR NO KEY UPDATE`;
  return site;
}
