'use client';

import { useId } from 'react';
import type { LabelMessageRequest } from '@/lib/schemas/inbox';
import type { InboxIntent } from './types';

/** The label for a request: an existing intent's id, or a new intent's name. */
export function intentChoice(
  name: string,
  intents: InboxIntent[],
): Pick<LabelMessageRequest, 'intentId' | 'newIntentName'> {
  const trimmed = name.trim();
  const existing = intents.find((intent) => intent.name === trimmed);
  return existing ? { intentId: existing.id } : { newIntentName: trimmed };
}

/** Type to pick an intent of the site; a name that does not exist yet creates that intent. */
export function IntentPicker({
  intents,
  value,
  onChange,
  autoFocus,
}: {
  intents: InboxIntent[];
  value: string;
  onChange: (name: string) => void;
  autoFocus?: boolean;
}) {
  const id = useId();
  const isNew = value.trim() !== '' && !intents.some((intent) => intent.name === value.trim());
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-stone-700">
        Intent
      </label>
      <input
        id={id}
        list={`${id}-intents`}
        value={value}
        autoFocus={autoFocus}
        onChange={(event) => onChange(event.target.value)}
        placeholder="e.g. order_status"
        data-testid="intent-picker"
        className="w-full rounded-md border border-stone-300 px-2.5 py-1.5 text-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/20 focus:outline-none"
      />
      <datalist id={`${id}-intents`}>
        {intents.map((intent) => (
          <option key={intent.id} value={intent.name} />
        ))}
      </datalist>
      {isNew ? (
        <p className="mt-1 text-[11px] text-violet-700">
          A new intent “{value.trim()}” will be created.
        </p>
      ) : null}
    </div>
  );
}
