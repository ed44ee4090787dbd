import { EvaluationView } from '@/components/admin/training/evaluation-view';
import { TestPhraseResult } from '@/components/admin/training/test-phrase-result';
import { TrainingPanel } from '@/components/admin/training/training-panel';
import { VersionList } from '@/components/admin/training/version-list';
import { Card } from '@/components/ui/card';
import { OverlapWarnings } from '@/components/admin/intents/overlap-warnings';
import {
  findOverlappingIntents,
  latestTrainingRun,
  listIntents,
  listModelVersions,
} from '@/lib/intents';
import { adminSiteContext } from '../admin-context';

export default async function TrainingPage({
  searchParams,
}: {
  searchParams: Promise<{ version?: string }>;
}) {
  const { site } = await adminSiteContext();
  const [{ version: chosen }, versions, run, { intents }] = await Promise.all([
    searchParams,
    listModelVersions(site.id),
    latestTrainingRun(site.id),
    listIntents(site.id),
  ]);
  const active = versions.find((version) => version.active) ?? null;
  // The version under review: the one asked for, else the newest.
  const candidate = versions.find((version) => version.id === chosen) ?? versions[0] ?? null;
  const intentIds = Object.fromEntries(intents.map((intent) => [intent.name, intent.id]));
  // Confusion of the version under review; without one, the examples alone.
  const overlaps = await findOverlappingIntents(site.id, candidate?.metrics ?? null);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-xl font-semibold">Training and model versions</h1>
      <TrainingPanel
        initialRun={run}
        exampleCount={intents.reduce((sum, intent) => sum + intent.exampleCount, 0)}
        intentCount={intents.length}
      />
      {candidate ? (
        <EvaluationView
          candidate={candidate}
          active={active && active.id !== candidate.id ? active : null}
          intentIds={intentIds}
          intentsWithoutAnswers={intents
            .filter(
              (intent) => intent.responseCount === 0 && !intent.handoff && intent.name !== 'oos',
            )
            .map((intent) => intent.name)}
        />
      ) : (
        <Card>
          <p className="text-sm text-stone-600">No model trained yet: press Retrain.</p>
        </Card>
      )}
      {candidate ? <TestPhraseResult version={candidate} /> : null}
      {overlaps.length ? (
        <Card title="Intents that overlap">
          <OverlapWarnings overlaps={overlaps} />
        </Card>
      ) : null}
      <Card title="Versions">
        <VersionList versions={versions} reviewing={candidate?.id ?? null} />
      </Card>
    </div>
  );
}
