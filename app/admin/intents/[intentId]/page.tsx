import Link from 'next/link';
import { notFound } from 'next/navigation';
import { IntentEditor } from '@/components/admin/intents/intent-editor';
import { getIntent, listIntents, siteEntityDefinitions } from '@/lib/intents';
import { adminSiteContext } from '../../admin-context';
import { textLinkClass } from '@/components/ui/link-styles';

export default async function IntentPage({
  params,
  searchParams,
}: {
  params: Promise<{ intentId: string }>;
  searchParams: Promise<{ example?: string }>;
}) {
  const { site } = await adminSiteContext();
  const [{ intentId }, { example }] = await Promise.all([params, searchParams]);
  const [intent, { intents }, entities] = await Promise.all([
    getIntent(site.id, intentId),
    listIntents(site.id),
    siteEntityDefinitions(site.id),
  ]);
  if (!intent) notFound();
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <Link href="/admin" className={`text-sm ${textLinkClass}`}>
        ← All intents
      </Link>
      <IntentEditor
        key={intent.id}
        intent={intent}
        customEntityNames={entities.map((entity) => entity.name)}
        otherIntents={intents
          .filter((i) => i.id !== intent.id)
          .map(({ id, name }) => ({ id, name }))}
        highlight={example ?? null}
      />
    </div>
  );
}
