import type { z } from 'zod';
import { db } from '@/lib/db';
import type { TrainingRunSchema } from '@/lib/schemas/api';

/** A training run as the training page polls it (the shape lives in lib/schemas/api.ts). */
export type TrainingRunView = z.output<typeof TrainingRunSchema>;

const select = {
  id: true,
  status: true,
  progress: true,
  log: true,
  error: true,
  createdAt: true,
  finishedAt: true,
  modelVersion: { select: { id: true } },
} as const;

type Row = Omit<TrainingRunView, 'modelVersionId'> & { modelVersion: { id: string } | null };

function view({ modelVersion, ...run }: Row): TrainingRunView {
  return { ...run, modelVersionId: modelVersion?.id ?? null };
}

/** One run of the site, for the live progress poll. */
export async function getTrainingRun(
  siteId: string,
  runId: string,
): Promise<TrainingRunView | null> {
  const run = await db().trainingRun.findFirst({ where: { id: runId, siteId }, select });
  return run ? view(run) : null;
}

/** The site's most recent run, to resume showing it after a reload. */
export async function latestTrainingRun(siteId: string): Promise<TrainingRunView | null> {
  const run = await db().trainingRun.findFirst({
    where: { siteId },
    orderBy: { createdAt: 'desc' },
    select,
  });
  return run ? view(run) : null;
}
