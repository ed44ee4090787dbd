'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { CustomEntity } from '@/lib/schemas/entity';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { inputClass, labelClass } from '../field-styles';
import { useAction } from '../use-action';

/** An entity as the form edits it: one line per value ("value: synonym, synonym"), entry, regex. */
interface EntityDraft {
  name: string;
  values: string;
  lookup: string;
  patterns: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function toDraft(entity: CustomEntity): EntityDraft {
  return {
    name: entity.name,
    values: entity.values
      .map(({ value, synonyms }) => (synonyms.length ? `${value}: ${synonyms.join(', ')}` : value))
      .join('\n'),
    lookup: entity.lookup.join('\n'),
    patterns: entity.patterns.join('\n'),
  };
}

function fromDraft(draft: EntityDraft): CustomEntity {
  return {
    name: draft.name.trim(),
    values: lines(draft.values).map((line) => {
      const [value, synonyms = ''] = line.split(/:(.*)/s);
      return {
        value: value.trim(),
        synonyms: synonyms
          .split(',')
          .map((synonym) => synonym.trim())
          .filter(Boolean),
      };
    }),
    lookup: lines(draft.lookup),
    patterns: lines(draft.patterns),
  };
}

/**
 * The site's custom entities, edited together and saved at once. Removing one that intents require
 * (`requiredBy`: entity name → intent names) asks first, naming them.
 */
export function EntityEditor({
  initial,
  requiredBy,
}: {
  initial: CustomEntity[];
  requiredBy: Record<string, string[]>;
}) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [drafts, setDrafts] = useState(() => initial.map(toDraft));
  const [saved, setSaved] = useState(false);
  const [confirmingRemoval, setConfirmingRemoval] = useState<number | null>(null);
  const remove = (index: number) => {
    setSaved(false);
    setConfirmingRemoval(null);
    setDrafts((current) => current.filter((_, at) => at !== index));
  };
  const requiringIntents = (draft: EntityDraft) => requiredBy[draft.name.trim()] ?? [];
  const change = (index: number, field: keyof EntityDraft, value: string) => {
    setSaved(false);
    setDrafts((current) =>
      current.map((draft, at) => (at === index ? { ...draft, [field]: value } : draft)),
    );
  };

  return (
    <form
      className="space-y-5"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await run(() =>
          api('PUT', '/entities', { entities: drafts.map(fromDraft) }),
        );
        if (result !== undefined) setSaved(true);
      }}
    >
      {drafts.length ? null : <p className="text-sm text-stone-500">No custom entities yet.</p>}
      {drafts.map((draft, index) => (
        <fieldset key={index} className="space-y-2 rounded-md border border-stone-200 p-3">
          <div className="flex items-end gap-2">
            <label className="flex-1 text-sm">
              <span className={labelClass}>Name</span>
              <input
                value={draft.name}
                onChange={(event) => change(index, 'name', event.target.value)}
                placeholder="e.g. account_type"
                className={inputClass}
                required
              />
            </label>
            <Button
              type="button"
              tone="secondary"
              onClick={() =>
                requiringIntents(draft).length ? setConfirmingRemoval(index) : remove(index)
              }
            >
              Remove
            </Button>
          </div>
          {confirmingRemoval === index && (
            <div
              role="alert"
              className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
            >
              <p>
                Required by {requiringIntents(draft).join(', ')}: without this entity the bot asks
                for it there and never finds it. Remove it anyway?
              </p>
              <div className="mt-2 flex gap-2">
                <Button type="button" tone="danger" size="sm" onClick={() => remove(index)}>
                  Remove anyway
                </Button>
                <Button
                  type="button"
                  tone="secondary"
                  size="sm"
                  onClick={() => setConfirmingRemoval(null)}
                >
                  Keep it
                </Button>
              </div>
            </div>
          )}
          <div className="grid gap-2 md:grid-cols-3">
            <label className="text-sm">
              <span className={labelClass}>Values (value: synonym, synonym)</span>
              <textarea
                value={draft.values}
                onChange={(event) => change(index, 'values', event.target.value)}
                rows={5}
                placeholder={'credit: credit card, card\nsavings: savings account'}
                className={inputClass}
              />
            </label>
            <label className="text-sm">
              <span className={labelClass}>Lookup table (one per line)</span>
              <textarea
                value={draft.lookup}
                onChange={(event) => change(index, 'lookup', event.target.value)}
                rows={5}
                className={inputClass}
              />
            </label>
            <label className="text-sm">
              <span className={labelClass}>Regexes (one per line)</span>
              <textarea
                value={draft.patterns}
                onChange={(event) => change(index, 'patterns', event.target.value)}
                rows={5}
                placeholder={'\\b\\d{10,12}\\b'}
                className={`${inputClass} font-mono`}
              />
            </label>
          </div>
        </fieldset>
      ))}
      <ErrorNotice error={error} />
      <div className="flex items-center gap-2">
        <Button
          type="button"
          tone="secondary"
          onClick={() =>
            setDrafts((current) => [...current, { name: '', values: '', lookup: '', patterns: '' }])
          }
        >
          Add entity
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save entities'}
        </Button>
        {saved ? <span className="text-sm text-emerald-700">Saved.</span> : null}
      </div>
    </form>
  );
}
