import { Card } from '@/components/ui/card';
import { EntityEditor } from '@/components/admin/intents/entity-editor';
import { intentsRequiringEntities, siteCustomEntities } from '@/lib/intents';
import { adminSiteContext } from '../admin-context';

export default async function EntitiesPage() {
  const { site } = await adminSiteContext();
  const [entities, requiredBy] = await Promise.all([
    siteCustomEntities(site.id),
    intentsRequiringEntities(site.id),
  ]);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Entities</h1>
        <p className="text-sm text-stone-600">
          Beside the built-in ones (email, phone, order number, amount, date): lists of values with
          synonyms (found despite typos), lookup tables (exact) and regexes. Responses use them as{' '}
          <span className="font-mono">{'{name}'}</span>; the test console shows what it finds.
          Retrain after a change so the classifier learns them.
        </p>
      </div>
      <Card label="Entities">
        <EntityEditor initial={entities} requiredBy={requiredBy} />
      </Card>
    </div>
  );
}
