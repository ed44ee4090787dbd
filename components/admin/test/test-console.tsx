'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { MessageTest } from '@/lib/sites';
import { useAdminApi } from '../admin-context';
import { BotReplyView } from '../bot-reply-view';
import { ConfidenceBar } from '../confidence-bar';
import { ErrorNotice } from '../error-notice';
import { inputClass } from '../field-styles';
import { useAction } from '../use-action';

export function TestConsole() {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [text, setText] = useState('');
  const [result, setResult] = useState<MessageTest | null>(null);

  return (
    <div className="space-y-6">
      <form
        className="flex gap-2"
        onSubmit={async (event) => {
          event.preventDefault();
          const tested = await run(() => api<MessageTest>('POST', '/test-console', { text }), {
            refresh: false,
          });
          if (tested) setResult(tested);
        }}
      >
        <input
          aria-label="Visitor message"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="e.g. where is my order #AB-12345?"
          className={inputClass}
        />
        <Button type="submit" disabled={pending || !text.trim()}>
          {pending ? 'Reading…' : 'Test'}
        </Button>
      </form>
      <ErrorNotice error={error} />
      {result ? <TestResult result={result} /> : null}
    </div>
  );
}

function TestResult({ result }: { result: MessageTest }) {
  const { steps, understanding, reply } = result;
  const classification = understanding.classification;
  const rows: [string, string][] = [
    ['Original', steps.original],
    ['Unicode normalized (NFKC)', steps.normalized],
    ['Lowercased', steps.lowercased],
    ['Punctuation and emoji handled', steps.cleaned],
    ['Tokens', steps.tokens.join(' · ')],
    ['Without stopwords', steps.withoutStopwords.join(' · ')],
    ['Stems', steps.stems.join(' · ')],
    [
      'Character n-grams',
      `${steps.charNgrams.slice(0, 40).join(' ')}${steps.charNgrams.length > 40 ? ` … (${steps.charNgrams.length})` : ''}`,
    ],
  ];
  if (steps.emoji.length) rows.splice(4, 0, ['Emoji', steps.emoji.join(' ')]);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title="Preprocessing">
        <dl className="space-y-2 text-sm" data-testid="preprocessing-steps">
          {rows.map(([label, value]) => (
            <div key={label} data-step={label}>
              <dt className="text-xs uppercase tracking-wide text-stone-500">{label}</dt>
              <dd className="break-words font-mono text-xs">{value || '∅'}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <div className="space-y-6">
        <Card title="Intents">
          {classification ? (
            <div className="space-y-2" data-testid="intent-ranking">
              {classification.ranking.map((ranked) => (
                <ConfidenceBar
                  key={ranked.intent}
                  label={ranked.intent}
                  value={ranked.confidence}
                  strong={ranked.intent === classification.intent}
                />
              ))}
              <p className="pt-2 text-sm">
                Decision: <strong data-testid="decision">{understanding.decision}</strong>
                {classification.intent ? ` (${classification.intent})` : ' — no intent fits'}
              </p>
            </div>
          ) : (
            <p className="text-sm text-stone-600">
              No live model: train and activate a version first.
            </p>
          )}
        </Card>
        <Card title="Entities">
          {understanding.entities.length ? (
            <ul className="space-y-1 text-sm" data-testid="entities">
              {understanding.entities.map((entity, index) => (
                <li key={index}>
                  <span className="rounded bg-violet-100 px-1.5 py-0.5 font-mono text-xs text-violet-800">
                    {entity.type}
                  </span>{' '}
                  “{entity.text}” → <span className="font-mono">{entity.value}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-stone-500">None found.</p>
          )}
        </Card>
        <Card title="The bot would reply">
          <BotReplyView reply={reply} />
        </Card>
      </div>
    </div>
  );
}
