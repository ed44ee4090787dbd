'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { BotState } from '@/lib/schemas/bot-state';
import { entityLabel } from '@/lib/schemas/intent';
import type { TestConsoleTurn } from '@/lib/schemas/site-admin';
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
  // The console's own conversation: each message is read after the ones before it.
  const [history, setHistory] = useState<TestConsoleTurn['history']>([]);
  const [botState, setBotState] = useState<BotState | undefined>(undefined);

  return (
    <div className="space-y-6">
      {history.length ? (
        <Card title="Conversation">
          <ol className="space-y-1 text-sm" data-testid="test-conversation">
            {history.map((message, index) => (
              <li key={index} data-sender={message.sender}>
                <span className="text-xs uppercase tracking-wide text-stone-500">
                  {message.sender}
                </span>{' '}
                {message.body}
              </li>
            ))}
          </ol>
          <Button
            tone="secondary"
            size="sm"
            className="mt-3"
            onClick={() => {
              setHistory([]);
              setBotState(undefined);
              setResult(null);
            }}
          >
            Start a new conversation
          </Button>
        </Card>
      ) : null}
      <form
        className="flex gap-2"
        onSubmit={async (event) => {
          event.preventDefault();
          const turn = { text, history: history.slice(-MAX_HISTORY), botState };
          const tested = await run(() => api<MessageTest>('POST', '/test-console', turn), {
            refresh: false,
          });
          if (!tested) return;
          setResult(tested);
          setHistory([
            ...history,
            { sender: 'visitor', body: text, choices: [] },
            { sender: 'bot', body: tested.reply.text, choices: tested.reply.choices },
          ]);
          setBotState(tested.reply.botState);
          setText('');
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
  const entities = [...understanding.entities, ...(understanding.customEntities ?? [])];
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
      // ␣ marks a word's or a Chinese run's edge (the padding the n-grams are taken with).
      `${steps.charNgrams
        .slice(0, 40)
        .map((gram) => gram.replaceAll(' ', '␣'))
        .join(' ')}${steps.charNgrams.length > 40 ? ` … (${steps.charNgrams.length})` : ''}`,
    ],
  ];
  if (steps.emoji.length) rows.splice(4, 0, ['Emoji', steps.emoji.join(' ')]);
  // Chinese only: the radicals say what unseen characters are about (疒 sickness, 食 food).
  if (steps.radicals.length) rows.push(['Radicals', steps.radicals.join(' ')]);
  // Chinese only: what kind of thing each word names (WordNet categories of its CC-CEDICT glosses).
  if (steps.categories.length) rows.push(['Word categories', steps.categories.join(' ')]);
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
              <p className="pt-2 text-sm" data-testid="answer-confidence">
                Chance an answer is right: {(classification.confidence * 100).toFixed(1)}%
                {understanding.threshold !== undefined
                  ? ` (answers from ${(understanding.threshold * 100).toFixed(1)}%)`
                  : ''}
              </p>
              {classification.request && (
                <p className="text-sm text-stone-600" data-testid="read-request">
                  Read as “{classification.request}”: the phrase around it is one of your training
                  examples (a greeting or a thanks), left aside.
                </p>
              )}
              {classification.knownExample && (
                <p className="text-sm text-stone-600" data-testid="known-example">
                  {classification.intent
                    ? `One of ${classification.intent}'s training examples: answered as written.`
                    : 'One of the out-of-scope training examples: not answered.'}
                </p>
              )}
              <p className="text-sm">
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
          {entities.length ? (
            <ul className="space-y-1 text-sm" data-testid="entities">
              {entities.map((entity, index) => (
                <li key={index}>
                  <span className="rounded bg-violet-100 px-1.5 py-0.5 font-mono text-xs text-violet-800">
                    {entity.type}
                  </span>{' '}
                  “{entity.text}” → <span className="font-mono">{entity.value}</span>
                  {'via' in entity ? (
                    <span className="text-xs text-stone-500"> ({ENTITY_VIA[entity.via]})</span>
                  ) : null}
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
        {reply.botState ? <ConversationState botState={reply.botState} /> : null}
      </div>
    </div>
  );
}

/** Earlier messages sent with each test message (the bot's listener reads the last 20 too). */
const MAX_HISTORY = 20;

/** How a custom entity was found. */
const ENTITY_VIA = {
  list: 'list value',
  fuzzy: 'list value, with a typo',
  lookup: 'lookup table',
  regex: 'regex',
  collected: 'given when asked',
} as const;

/** What the bot waits for after its reply, and what it has collected. */
function ConversationState({ botState }: { botState: BotState }) {
  const collected = Object.entries(botState.collected);
  const { pendingSlot, offered } = botState;
  return (
    <Card title="Conversation state">
      <dl className="space-y-2 text-sm" data-testid="conversation-state">
        <div>
          <dt className="text-xs uppercase tracking-wide text-stone-500">Waiting for</dt>
          <dd data-testid="state-waiting">
            {pendingSlot
              ? `${entityLabel(pendingSlot.entity)} for ${pendingSlot.intent} (asked ${pendingSlot.asks}×)`
              : offered.length
                ? `A pick among ${offered.map((option) => `“${option.label}”`).join(', ')}`
                : 'Nothing'}
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-stone-500">Collected</dt>
          <dd data-testid="state-collected">
            {collected.length
              ? collected.map(([entity, value]) => (
                  <span key={entity} className="mr-2">
                    {entityLabel(entity)}: <span className="font-mono">{value}</span>
                  </span>
                ))
              : 'Nothing yet'}
          </dd>
        </div>
      </dl>
    </Card>
  );
}
