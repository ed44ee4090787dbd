import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { CreateIntentForm } from '@/components/admin/intents/create-intent-form';
import { ExampleSuggestions } from '@/components/admin/intents/example-suggestions';
import { ImportExportPanel } from '@/components/admin/intents/import-export-panel';
import { IntentTable } from '@/components/admin/intents/intent-table';
import { OverlapWarnings } from '@/components/admin/intents/overlap-warnings';
import {
  findExampleConflicts,
  findOverlappingIntents,
  listIntents,
  suggestExamples,
} from '@/lib/intents';
import { adminSiteContext } from './admin-context';

export default async function IntentsPage() {
  const { site } = await adminSiteContext();
  const [{ intents, latestVersion }, conflicts, suggestions, overlaps] = await Promise.all([
    listIntents(site.id),
    findExampleConflicts(site.id),
    suggestExamples(site.id),
    findOverlappingIntents(site.id),
  ]);
  const examples = intents.reduce((sum, intent) => sum + intent.exampleCount, 0);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold">Intents</h1>
          <p className="text-sm text-stone-600">
            {intents.length} intents, {examples} examples
            {latestVersion ? `; F1 from model version ${latestVersion}` : '; not trained yet'}.
            {conflicts.length ? (
              <span className="ml-1 text-amber-700">
                {conflicts.length} example{conflicts.length === 1 ? ' is' : 's are'} under two
                intents.
              </span>
            ) : null}
          </p>
        </div>
        <Link
          href="/admin/training"
          className="rounded-md bg-stone-900 px-3.5 py-2 text-sm font-medium text-white hover:bg-stone-700"
        >
          Retrain…
        </Link>
      </div>
      <div className="grid gap-6 lg:grid-cols-[1fr_320px]">
        <Card label="Intents">
          <IntentTable intents={intents} />
        </Card>
        <div className="space-y-6">
          {overlaps.length ? (
            <Card title="Intents that overlap">
              <OverlapWarnings overlaps={overlaps} />
            </Card>
          ) : null}
          <Card title="Where more examples help">
            <ExampleSuggestions intents={intents} suggestions={Object.fromEntries(suggestions)} />
          </Card>
          <Card title="New intent">
            <CreateIntentForm />
          </Card>
          <Card title="Import and export">
            <ImportExportPanel siteId={site.id} />
          </Card>
        </div>
      </div>
    </div>
  );
}
