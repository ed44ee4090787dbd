import type { z } from 'zod';
import { db } from '@/lib/db';
import type { ModelVersionSchema } from '@/lib/schemas/api';
import { TrainingMetrics, VersionComparison } from '@/lib/nlp';

/** A trained version with its evaluations (the shape lives in lib/schemas/api.ts). */
export type ModelVersionView = z.output<typeof ModelVersionSchema>;

/** What the pages show of a version. */
const SHOWN = {
  id: true,
  version: true,
  createdAt: true,
  activatedAt: true,
  archivedAt: true,
  exampleCount: true,
  intentCount: true,
  metrics: true,
  comparison: true,
  testPhraseMetrics: true,
} as const;

/**
 * The site's latest trained versions, newest first, with their evaluations (never the artifacts),
 * and the live one after them when it is older (rolled back to).
 */
export async function listModelVersions(siteId: string, limit = 50): Promise<ModelVersionView[]> {
  const [site, latest] = await Promise.all([
    db().site.findUnique({ where: { id: siteId }, select: { activeModelVersionId: true } }),
    db().modelVersion.findMany({
      where: { siteId },
      orderBy: { version: 'desc' },
      take: limit,
      select: SHOWN,
    }),
  ]);
  const live = site?.activeModelVersionId;
  const olderLive =
    live && !latest.some((version) => version.id === live)
      ? await db().modelVersion.findMany({ where: { id: live, siteId }, select: SHOWN })
      : [];
  return [...latest, ...olderLive].map(({ archivedAt, ...version }) => {
    const metrics = TrainingMetrics.safeParse(version.metrics);
    const comparison = VersionComparison.safeParse(version.comparison);
    const testPhraseMetrics = TrainingMetrics.safeParse(version.testPhraseMetrics);
    return {
      ...version,
      active: version.id === live,
      archived: archivedAt !== null,
      metrics: metrics.success ? metrics.data : null,
      comparison: comparison.success ? comparison.data : null,
      testPhraseMetrics: testPhraseMetrics.success ? testPhraseMetrics.data : null,
    };
  });
}
