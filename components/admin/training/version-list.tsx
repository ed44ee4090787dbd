import Link from 'next/link';
import type { ModelVersionView } from '@/lib/intents';
import { KEPT_MODEL_VERSIONS } from '@/lib/training/archive-model-versions';
import { ActivateButton } from './activate-button';
import { percent } from './change-arrow';
import { textLinkClass } from '@/components/ui/link-styles';

const dateFormat = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** Columns a phone leaves out, so the version, its accuracy and its button fit. */
const WIDE_ONLY = 'hidden sm:table-cell';

/** Every trained version with its scores; activating an older one is the rollback. */
export function VersionList({
  versions,
  reviewing,
}: {
  versions: ModelVersionView[];
  reviewing: string | null;
}) {
  if (!versions.length) return <p className="text-sm text-stone-500">No versions yet.</p>;
  const live = versions.find((version) => version.active);
  return (
    <>
      <table className="w-full text-sm" data-testid="version-list">
        <thead className="text-left text-xs uppercase text-stone-500">
          <tr>
            <th className="py-1">Version</th>
            <th className="py-1">Trained (UTC)</th>
            <th className={`py-1 text-right ${WIDE_ONLY}`}>Examples</th>
            <th className="py-1 text-right">Accuracy</th>
            <th className={`py-1 text-right ${WIDE_ONLY}`}>Macro-F1</th>
            <th className={`py-1 text-right ${WIDE_ONLY}`}>OOS recall</th>
            <th className="py-1" />
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {versions.map((version) => (
            <tr key={version.id} className={version.id === reviewing ? 'bg-blue-50' : ''}>
              <td className="py-1.5">
                <Link href={`/admin/training?version=${version.id}`} className={textLinkClass}>
                  v{version.version}
                </Link>
                {version.active ? (
                  <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-800">
                    live
                  </span>
                ) : null}
                {version.archived ? (
                  <span className="ml-2 rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-600">
                    archived
                  </span>
                ) : null}
              </td>
              <td className="py-1.5">{dateFormat.format(version.createdAt)}</td>
              <td className={`py-1.5 text-right tabular-nums ${WIDE_ONLY}`}>
                {version.exampleCount}
              </td>
              <td className="py-1.5 text-right tabular-nums">
                {percent(version.metrics?.accuracy)}
              </td>
              <td className={`py-1.5 text-right tabular-nums ${WIDE_ONLY}`}>
                {percent(version.metrics?.macroF1)}
              </td>
              <td className={`py-1.5 text-right tabular-nums ${WIDE_ONLY}`}>
                {percent(version.metrics?.oosRecall)}
              </td>
              <td className="py-1.5 text-right">
                {version.active || version.archived ? null : (
                  <ActivateButton
                    size="sm"
                    versionId={version.id}
                    label={live && version.version < live.version ? 'Roll back' : 'Activate'}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {versions.some((version) => version.archived) ? (
        <p className="mt-2 text-xs text-stone-500">
          Archived: older than the newest {KEPT_MODEL_VERSIONS} versions. Their scores are kept,
          their models are not, so they cannot go live again.
        </p>
      ) : null}
    </>
  );
}
