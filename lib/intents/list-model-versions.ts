import { db } from '@/lib/db';
import { TrainingMetrics, VersionComparison } from '@/lib/nlp';

export interface ModelVersionView {
  id: string;
  version: number;
  createdAt: Date;
  activatedAt: Date | null;
  active: boolean;
  exampleCount: number;
  intentCount: number;
  /** null when the stored metrics do not read as TrainingMetrics (an older format). */
  metrics: TrainingMetrics | null;
  /** Against the version live when this one was trained, on the same held-out messages (null: none). */
  comparison: VersionComparison | null;
  /** How it read the site's test phrases (null: none when it was trained). */
  testPhraseMetrics: TrainingMetrics | null;
}

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
