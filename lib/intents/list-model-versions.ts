import type { z } from 'zod';
import { db } from '@/lib/db';
import type { ModelVersionSchema } from '@/lib/schemas/api';
import { TrainingMetrics, VersionComparison } from '@/lib/nlp';

/** A trained version with its evaluations (the shape lives in lib/schemas/api.ts). */
export type ModelVersionView = z.output<typeof ModelVersionSchema>;

/** The site's trained versions, newest first, with their evaluations (never the artifacts). */
export async function listModelVersions(siteId: string, limit = 50): Promise<ModelVersionView[]> {
  const [site, versions] = await Promise.all([
    db().site.findUnique({ where: { id: siteId }, select: { activeModelVersionId: true } }),
    db().modelVersion.findMany({
      where: { siteId },
      orderBy: { version: 'desc' },
      take: limit,
      select: {
        id: true,
        version: true,
        createdAt: true,
        activatedAt: true,
        exampleCount: true,
        intentCount: true,
        metrics: true,
        comparison: true,
        testPhraseMetrics: true,
      },
    }),
  ]);
  return versions.map((version) => {
    const metrics = TrainingMetrics.safeParse(version.metrics);
    const comparison = VersionComparison.safeParse(version.comparison);
    const testPhraseMetrics = TrainingMetrics.safeParse(version.testPhraseMetrics);
    return {
      ...version,
      active: version.id === site?.activeModelVersionId,
      metrics: metrics.success ? metrics.data : null,
      comparison: comparison.success ? comparison.data : null,
      testPhraseMetrics: testPhraseMetrics.success ? testPhraseMetrics.data : null,
    };
  });
}
