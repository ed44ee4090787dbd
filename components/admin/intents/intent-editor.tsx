'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { intentLabel } from '@/lib/bot/intent-label';
import type { AddedExamples, IntentDetail } from '@/lib/intents';
import { useAdminApi } from '../admin-context';
import { AnnotatedExample } from './annotated-example';
import { ErrorNotice } from '../error-notice';
import { inputClass, labelClass } from '../field-styles';
import { useAction } from '../use-action';
import { IntentActionSettings } from './intent-action-settings';
import { RequiredEntities } from './required-entities';

interface Props {
  intent: IntentDetail;
  /** The site's own entities an intent may require. */
  customEntityNames: string[];
  otherIntents: { id: string; name: string }[];
  /** An example to point at (from the misclassified list). */
  highlight: string | null;
}

export function IntentEditor({ intent, customEntityNames, otherIntents, highlight }: Props) {
  return (
    <div className="space-y-6">
      <NameAndFlags intent={intent} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Examples intent={intent} otherIntents={otherIntents} highlight={highlight} />
        <div className="space-y-6">
          <Responses intent={intent} />
          <RequiredEntities intent={intent} customEntityNames={customEntityNames} />
          <QuickReplies intent={intent} />
          <IntentActionSettings intent={intent} />
        </div>
      </div>
    </div>
  );
}

function NameAndFlags({ intent }: { intent: IntentDetail }) {
  const api = useAdminApi();
  const router = useRouter();
  const { run, pending, error } = useAction();
  const [name, setName] = useState(intent.name);
  const path = `/intents/${intent.id}`;
  return (
    <Card>
      <div className="flex flex-wrap items-end gap-3">
        <form
          className="flex items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => api('PATCH', path, { name }));
          }}
        >
          <label>
            <span className={labelClass}>Intent name</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              className={`${inputClass} font-mono`}
            />
          </label>
          <Button type="submit" tone="secondary" disabled={pending || name === intent.name}>
            Rename
          </Button>
        </form>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={intent.handoff}
            disabled={pending}
            onChange={(e) =>
              void run(() => api('PUT', `${path}/flags`, { handoff: e.target.checked }))
            }
          />
          Hand off to a human when recognized
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={intent.rephrase}
            disabled={pending}
            onChange={(e) =>
              void run(() => api('PUT', `${path}/flags`, { rephrase: e.target.checked }))
            }
          />
          Let the generator rephrase the response
        </label>
        <Button
          tone="danger"
          className="ml-auto"
          disabled={pending}
          onClick={async () => {
            const message = `Delete ${intent.name} with ${intent.examples.length} examples and ${intent.responses.length} responses?`;
            if (!confirm(message)) return;
            if ((await run(() => api('DELETE', path), { refresh: false })) !== undefined) {
              router.push('/admin');
            }
          }}
        >
          Delete intent
        </Button>
      </div>
      <div className="mt-3">
        <ErrorNotice error={error} />
      </div>
    </Card>
  );
}

function Examples({ intent, otherIntents, highlight }: Omit<Props, 'customEntityNames'>) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [paste, setPaste] = useState('');
  const [result, setResult] = useState<AddedExamples | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [moveTo, setMoveTo] = useState('');
  const path = `/intents/${intent.id}/examples`;
  const conflicts = intent.examples.filter((example) => example.conflictsWith.length).length;

  async function add() {
    const added = await run(() =>
      api<AddedExamples>('POST', path, { examples: paste.split(/\r?\n/) }),
    );
    if (added) {
      setResult(added);
      setPaste('');
    }
  }
  const selection = [...selected];
  return (
    <Card title={`Examples (${intent.examples.length})`}>
      <div className="space-y-3">
        <label className="block">
          <span className={labelClass}>Paste examples, one per line</span>
          <textarea
            value={paste}
            onChange={(e) => setPaste(e.target.value)}
            rows={5}
            className={`${inputClass} font-mono`}
            placeholder={'where is my order\ntrack my parcel'}
          />
        </label>
        <Button onClick={add} disabled={pending || !paste.trim()}>
          Add examples
        </Button>
        <ErrorNotice error={error} />
        {result ? (
          <Notice tone={result.conflicts.length || result.duplicates.length ? 'info' : 'success'}>
            Added {result.added}.
            {result.duplicates.length ? ` Skipped ${result.duplicates.length} duplicate(s).` : ''}
            {result.conflicts.map((conflict) => (
              <span key={conflict.key} className="block text-amber-800">
                “{conflict.key}” is also under{' '}
                {conflict.intents.filter((n) => n !== intent.name).join(', ')}.
              </span>
            ))}
          </Notice>
        ) : null}
        {conflicts ? (
          <p className="text-sm text-amber-700">
            {conflicts} example(s) also teach another intent: the model cannot tell those apart.
          </p>
        ) : null}
        {selection.length ? (
          <div className="flex flex-wrap items-center gap-2 rounded-md bg-stone-100 p-2 text-sm">
            <span>{selection.length} selected</span>
            <Button
              size="sm"
              tone="danger"
              disabled={pending}
              onClick={async () => {
                if (
                  (await run(() => api('DELETE', path, { exampleIds: selection }))) !== undefined
                ) {
                  setSelected(new Set());
                }
              }}
            >
              Remove
            </Button>
            <select
              aria-label="Move to intent"
              value={moveTo}
              onChange={(e) => setMoveTo(e.target.value)}
              className="rounded border border-stone-300 px-2 py-1"
            >
              <option value="">Move to…</option>
              {otherIntents.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.name}
                </option>
              ))}
            </select>
            <Button
              size="sm"
              tone="secondary"
              disabled={pending || !moveTo}
              onClick={async () => {
                const moved = await run(() =>
                  api('POST', `${path}/move`, { exampleIds: selection, targetIntentId: moveTo }),
                );
                if (moved) setSelected(new Set());
              }}
            >
              Move
            </Button>
          </div>
        ) : null}
        <ul className="max-h-[32rem] divide-y divide-stone-100 overflow-y-auto text-sm">
          {intent.examples.map((example) => (
            <li
              key={example.id}
              className={`flex items-start gap-2 py-1.5 ${example.text === highlight ? 'rounded bg-amber-100 px-1' : ''}`}
            >
              <input
                type="checkbox"
                aria-label={`Select “${example.text}”`}
                checked={selected.has(example.id)}
                onChange={() =>
                  setSelected((current) => {
                    const next = new Set(current);
                    if (next.has(example.id)) next.delete(example.id);
                    else next.add(example.id);
                    return next;
                  })
                }
                className="mt-1"
              />
              <AnnotatedExample intentId={intent.id} example={example} />
              {example.conflictsWith.length ? (
                <Badge tone="amber" title="The same example is under these intents">
                  also in {example.conflictsWith.join(', ')}
                </Badge>
              ) : null}
              {example.source !== 'manual' ? <Badge>{example.source}</Badge> : null}
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}

function Responses({ intent }: { intent: IntentDetail }) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [responses, setResponses] = useState(intent.responses.length ? intent.responses : ['']);
  const dirty =
    JSON.stringify(responses.filter((r) => r.trim())) !== JSON.stringify(intent.responses);
  return (
    <Card title="Responses">
      <div className="space-y-2">
        <p className="text-xs text-stone-500">
          The bot takes turns among them. Entities the visitor gave fill variables:{' '}
          {'{orderNumber}'}, {'{email}'}, {'{phone}'}, {'{money}'}, {'{date}'}; a fallback after |,
          e.g. {'{orderNumber|your order}'}.
        </p>
        {responses.map((response, index) => (
          <div key={index} className="flex gap-2">
            <textarea
              aria-label={`Response ${index + 1}`}
              value={response}
              rows={4}
              onChange={(e) =>
                setResponses(responses.map((r, i) => (i === index ? e.target.value : r)))
              }
              className={inputClass}
            />
            <Button
              tone="ghost"
              size="sm"
              aria-label={`Remove response ${index + 1}`}
              onClick={() => setResponses(responses.filter((_, i) => i !== index))}
            >
              ✕
            </Button>
          </div>
        ))}
        <div className="flex gap-2">
          <Button tone="secondary" size="sm" onClick={() => setResponses([...responses, ''])}>
            Add response
          </Button>
          <Button
            size="sm"
            disabled={pending || !dirty}
            onClick={() =>
              void run(() =>
                api('PUT', `/intents/${intent.id}/responses`, {
                  responses: responses.filter((r) => r.trim()),
                }),
              )
            }
          >
            Save responses
          </Button>
        </div>
        <ErrorNotice error={error} />
      </div>
    </Card>
  );
}

/** The intent's own button label, and the quick replies under its answer. */
function QuickReplies({ intent }: { intent: IntentDetail }) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [label, setLabel] = useState(intent.buttonLabel ?? '');
  const [text, setText] = useState(intent.quickReplies.join('\n'));
  const quickReplies = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const unchanged =
    quickReplies.join('\n') === intent.quickReplies.join('\n') &&
    label.trim() === (intent.buttonLabel ?? '');
  return (
    <Card title="Buttons">
      <div className="space-y-2">
        <label className="block">
          <span className={labelClass}>
            Button label — how visitors see this intent when the bot offers it
          </span>
          <input
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            maxLength={60}
            placeholder={intentLabel({ ...intent, buttonLabel: null })}
            className={inputClass}
          />
        </label>
        <label className="block">
          <span className={labelClass}>
            Quick replies under the answer, one per line (an intent&apos;s name or button label
            answers that intent)
          </span>
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={3}
            className={inputClass}
          />
        </label>
        <div className="flex flex-wrap gap-1">
          {quickReplies.map((reply) => (
            <span
              key={reply}
              className="rounded-full border border-blue-300 px-2.5 py-0.5 text-xs text-blue-800"
            >
              {reply}
            </span>
          ))}
        </div>
        <Button
          size="sm"
          disabled={pending || unchanged}
          onClick={() =>
            void run(() =>
              api('PUT', `/intents/${intent.id}/quick-replies`, {
                quickReplies,
                buttonLabel: label,
              }),
            )
          }
        >
          Save buttons
        </Button>
        <ErrorNotice error={error} />
      </div>
    </Card>
  );
}
