import { db, Prisma } from '@/lib/db';
import { TrainingMetrics } from '@/lib/nlp';

export interface IntentSummary {
  id: string;
  name: string;
  description: string | null;
  handoff: boolean;
  exampleCount: number;
  responseCount: number;
  /** From the latest trained model version; null when it had no held-out examples of this intent. */
  f1: number | null;
  updatedAt: Date;
}

/** The intents page: every intent of a site with its counts and how well the latest model knows it. */
export async function listIntents(
  siteId: string,
): Promise<{ intents: IntentSummary[]; latestVersion: number | null }> {
  const [rows, latest] = await Promise.all([
    db().$queryRaw<
      {
        id: string;
        name: string;
        description: string | null;
        handoff: boolean;
        updatedAt: Date;
        exampleCount: number;
        responseCount: number;
      }[]
    >(Prisma.sql`
      select i.id, i.name, i.description, i.handoff, i."updatedAt",
        (select count(*)::int from "TrainingExample" e where e."intentId" = i.id) as "exampleCount",
        (select count(*)::int from "IntentResponse" r where r."intentId" = i.id) as "responseCount"
      from "Intent" i where i."siteId" = ${siteId}
      order by i.name`),
    db().modelVersion.findFirst({
      where: { siteId },
      orderBy: { version: 'desc' },
      select: { version: true, metrics: true },
    }),
  ]);
  const metrics = latest ? TrainingMetrics.safeParse(latest.metrics) : undefined;
  const f1ByIntent = new Map(
    (metrics?.success ? metrics.data.perIntent : [])
      .filter((scores) => scores.support > 0)
      .map((scores) => [scores.intent, scores.f1]),
  );
  return {
    intents: rows.map((row) => ({ ...row, f1: f1ByIntent.get(row.name) ?? null })),
    latestVersion: latest?.version ?? null,
  };
}
