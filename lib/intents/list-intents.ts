import type { z } from 'zod';
import { db, Prisma } from '@/lib/db';
import type { IntentSummarySchema } from '@/lib/schemas/api';
import { TrainingMetrics } from '@/lib/nlp';

/** An intent on the intents page (the shape lives in lib/schemas/api.ts). */
export type IntentSummary = z.output<typeof IntentSummarySchema>;

/**
 * Fewer examples than this is "few": at 10 per intent the classifier reaches 75% on BANKING77 and
 * at 5 only 63% (bench:nlu --shots, README), so below 10 each added example still pays.
 */
const FEW_EXAMPLES = 10;
/** The model finds fewer than this share of the intent's held-out examples. */
const LOW_RECALL = 0.7;

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
  const scoresByIntent = new Map(
    (metrics?.success ? metrics.data.perIntent : [])
      .filter((scores) => scores.support > 0)
      .map((scores) => [scores.intent, scores]),
  );
  return {
    intents: rows.map((row) => {
      const scores = scoresByIntent.get(row.name);
      const recall = scores?.recall ?? null;
      return {
        ...row,
        f1: scores?.f1 ?? null,
        recall,
        advice: {
          fewExamples: row.exampleCount < FEW_EXAMPLES,
          lowRecall: recall !== null && recall < LOW_RECALL,
        },
      };
    }),
    latestVersion: latest?.version ?? null,
  };
}
