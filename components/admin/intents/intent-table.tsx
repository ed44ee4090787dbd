'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { IntentSummary } from '@/lib/intents';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { ScoreBadge } from '../f1-badge';
import { inputClass } from '../field-styles';
import { useAction } from '../use-action';
import { ExampleAdvice } from './example-suggestions';
import { textLinkClass } from '@/components/ui/link-styles';

/** Every intent with its counts and F1; select several to merge or delete them. */
export function IntentTable({ intents }: { intents: IntentSummary[] }) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [mergeTarget, setMergeTarget] = useState('');
  const shown = intents.filter((intent) => intent.name.includes(filter.trim().toLowerCase()));
  const chosen = intents.filter((intent) => selected.has(intent.id));

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  async function merge() {
    const target = chosen.find((intent) => intent.id === mergeTarget);
    if (!target) return;
    const others = chosen.filter((intent) => intent.id !== target.id);
    const names = others.map((intent) => intent.name).join(', ');
    if (!confirm(`Merge ${names} into ${target.name}? ${names} will be deleted.`)) return;
    const done = await run(() =>
      api('POST', '/intents/merge', { sourceIds: others.map((i) => i.id), targetId: target.id }),
    );
    if (done) setSelected(new Set());
  }

  async function remove() {
    const examples = chosen.reduce((sum, intent) => sum + intent.exampleCount, 0);
    const names = chosen.map((intent) => intent.name).join(', ');
    if (
      !confirm(
        `Delete ${names} with ${examples} examples and their responses? This cannot be undone.`,
      )
    ) {
      return;
    }
    const done = await run(async () => {
      for (const intent of chosen) await api('DELETE', `/intents/${intent.id}`);
    });
    if (done !== undefined) setSelected(new Set());
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          placeholder="Filter intents"
          aria-label="Filter intents"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          className={`${inputClass} max-w-xs`}
        />
        {chosen.length >= 2 ? (
          <>
            <select
              aria-label="Merge into"
              value={mergeTarget}
              onChange={(event) => setMergeTarget(event.target.value)}
              className={`${inputClass} w-auto`}
            >
              <option value="">Merge into…</option>
              {chosen.map((intent) => (
                <option key={intent.id} value={intent.id}>
                  {intent.name}
                </option>
              ))}
            </select>
            <Button tone="secondary" disabled={!mergeTarget || pending} onClick={merge}>
              Merge
            </Button>
          </>
        ) : null}
        {chosen.length ? (
          <Button tone="danger" disabled={pending} onClick={remove}>
            Delete {chosen.length}
          </Button>
        ) : null}
      </div>
      <ErrorNotice error={error} />
      <table className="w-full text-sm">
        <thead className="border-b border-stone-200 text-left text-xs uppercase tracking-wide text-stone-500">
          <tr>
            <th className="w-8 py-2" />
            <th className="py-2">Intent</th>
            <th className="py-2 text-right">Examples</th>
            <th className="py-2 text-right">Responses</th>
            <th
              className="py-2 text-right"
              title="Per-intent F1 of the latest trained model version"
            >
              F1
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {shown.map((intent) => (
            <tr key={intent.id} className="hover:bg-stone-50">
              <td className="py-2">
                <input
                  type="checkbox"
                  aria-label={`Select ${intent.name}`}
                  checked={selected.has(intent.id)}
                  onChange={() => toggle(intent.id)}
                />
              </td>
              <td className="py-2">
                <Link
                  href={`/admin/intents/${intent.id}`}
                  className={`font-medium ${textLinkClass}`}
                >
                  {intent.name}
                </Link>
                {intent.handoff ? (
                  <span className="ml-2">
                    <Badge tone="violet">handoff</Badge>
                  </span>
                ) : null}
                <span className="ml-2">
                  <ExampleAdvice intent={intent} />
                </span>
                {intent.description ? (
                  <p className="text-xs text-stone-500">{intent.description}</p>
                ) : null}
              </td>
              <td
                className={`py-2 text-right tabular-nums ${intent.exampleCount < 5 ? 'text-amber-700' : ''}`}
              >
                {intent.exampleCount}
              </td>
              <td
                className={`py-2 text-right tabular-nums ${intent.responseCount === 0 ? 'text-amber-700' : ''}`}
              >
                {intent.responseCount}
              </td>
              <td className="py-2 text-right">
                <ScoreBadge value={intent.f1} />
              </td>
            </tr>
          ))}
          {!shown.length ? (
            <tr>
              <td colSpan={5} className="py-6 text-center text-stone-500">
                No intents{filter ? ' match' : ' yet: create one or import a file'}.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
