'use client';

import { useCallback, useEffect, useState } from 'react';
import type { ReviewGroup } from '@/lib/schemas/inbox';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { describeError, type AgentRequest } from './agent-connection';
import { IntentPicker, intentChoice } from './intent-picker';
import type { InboxIntent } from './types';

function GroupCard({
  group,
  intents,
  onLabel,
  onDismiss,
}: {
  group: ReviewGroup;
  intents: InboxIntent[];
  onLabel: (messageIds: string[], intentName: string) => Promise<void>;
  onDismiss: (messageIds: string[]) => Promise<void>;
}) {
  const [name, setName] = useState(group.suggestedIntent ?? '');
  const [unchecked, setUnchecked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const chosen = group.items
    .filter((item) => !unchecked.has(item.messageId))
    .map((item) => item.messageId);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="rounded-lg border border-stone-200 bg-white p-3" data-testid="review-group">
      <ul className="mb-3 space-y-1">
        {group.items.map((item) => (
          <li key={item.messageId} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              aria-label={`Include “${item.body.slice(0, 40)}”`}
              checked={!unchecked.has(item.messageId)}
              onChange={(event) => {
                const next = new Set(unchecked);
                if (event.target.checked) next.delete(item.messageId);
                else next.add(item.messageId);
                setUnchecked(next);
              }}
              className="mt-1"
            />
            <span className="min-w-0 flex-1 break-words">{item.body}</span>
            <span className="shrink-0 text-[11px] text-stone-500">
              {item.botIntent ? `bot: ${item.botIntent}` : 'bot: fallback'}
              {item.botConfidence !== null ? ` ${Math.round(item.botConfidence * 100)}%` : ''}
            </span>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-48 flex-1">
          <IntentPicker intents={intents} value={name} onChange={setName} />
        </div>
        <Button
          disabled={busy || !name.trim() || chosen.length === 0}
          onClick={() => run(() => onLabel(chosen, name))}
          data-testid="review-label"
        >
          Label {chosen.length}
        </Button>
        <Button
          tone="secondary"
          disabled={busy || chosen.length === 0}
          onClick={() => run(() => onDismiss(chosen))}
          data-testid="review-dismiss"
        >
          Dismiss
        </Button>
      </div>
    </li>
  );
}

/** Visitor messages the bot was unsure about, grouped by similarity: label each group in one click. */
export function ReviewQueue({
  request,
  intentsBySite,
  onIntentCreated,
  onNotice,
}: {
  request: AgentRequest;
  intentsBySite: Record<string, InboxIntent[]>;
  onIntentCreated: (siteId: string, intent: InboxIntent) => void;
  onNotice: (text: string, tone?: 'error' | 'success') => void;
}) {
  const [groups, setGroups] = useState<ReviewGroup[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    request('review:list', {})
      .then((result) => {
        setGroups(result.groups);
        setError(null);
      })
      .catch((problem) => setError(describeError(problem)));
  }, [request]);
  useEffect(load, [load]);

  const settle = (messageIds: string[]) =>
    setGroups((current) =>
      (current ?? [])
        .map((group) => ({
          ...group,
          items: group.items.filter((item) => !messageIds.includes(item.messageId)),
        }))
        .filter((group) => group.items.length > 0),
    );

  return (
    <section className="min-h-0 flex-1 overflow-y-auto bg-stone-50 p-4" aria-label="Review queue">
      <div className="mx-auto max-w-3xl">
        <div className="mb-3 flex items-baseline justify-between">
          <h2 className="text-lg font-semibold">Teach the bot</h2>
          <button type="button" onClick={load} className="text-sm text-blue-700 hover:underline">
            Refresh
          </button>
        </div>
        <p className="mb-4 text-sm text-stone-600">
          Messages the bot was unsure about, grouped when they say the same thing. Label a group
          with the intent it meant, or dismiss it; the next training run learns from the labels.
        </p>
        {error ? <Notice tone="error">{error}</Notice> : null}
        {groups === null ? (
          <p className="text-sm text-stone-500">Loading…</p>
        ) : groups.length === 0 ? (
          <p className="text-sm text-stone-500" data-testid="review-empty">
            Nothing to review.
          </p>
        ) : (
          <ul className="space-y-3">
            {groups.map((group) => {
              const siteId = group.items[0].siteId;
              const intents = intentsBySite[siteId] ?? [];
              return (
                <GroupCard
                  key={group.items[0].messageId}
                  group={group}
                  intents={intents}
                  onLabel={async (messageIds, name) => {
                    try {
                      const result = await request('review:label', {
                        messageIds,
                        ...intentChoice(name, intents),
                      });
                      if (result.intent.created)
                        onIntentCreated(siteId, { id: result.intent.id, name: result.intent.name });
                      settle(messageIds);
                      onNotice(
                        `${result.examplesAdded} example(s) added to ${result.intent.name}`,
                        'success',
                      );
                    } catch (problem) {
                      onNotice(describeError(problem), 'error');
                    }
                  }}
                  onDismiss={async (messageIds) => {
                    try {
                      await request('review:dismiss', { messageIds });
                      settle(messageIds);
                    } catch (problem) {
                      onNotice(describeError(problem), 'error');
                    }
                  }}
                />
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
