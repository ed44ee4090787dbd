'use client';

import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { ExampleSuggestion, IntentSummary } from '@/lib/intents';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { useAction } from '../use-action';
import { textLinkClass } from '@/components/ui/link-styles';

/**
 * The intents that need more examples, each with review-queue messages the live model would
 * assign to it: one click adds a message as an example (and takes it out of the queue).
 */
export function ExampleSuggestions({
  intents,
  suggestions,
}: {
  intents: IntentSummary[];
  suggestions: Record<string, ExampleSuggestion[]>;
}) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const needing = intents.filter((intent) => intent.advice.fewExamples || intent.advice.lowRecall);
  if (!needing.length) {
    return <p className="text-sm text-stone-500">Every intent has enough examples.</p>;
  }
  return (
    <div className="space-y-4" data-testid="example-suggestions">
      <ErrorNotice error={error} />
      {needing.map((intent) => (
        <section key={intent.id} data-intent={intent.name}>
          <h3 className="text-sm">
            <Link href={`/admin/intents/${intent.id}`} className={`font-medium ${textLinkClass}`}>
              {intent.name}
            </Link>{' '}
            <ExampleAdvice intent={intent} />
          </h3>
          {suggestions[intent.name]?.length ? (
            <ul className="mt-1 space-y-1">
              {suggestions[intent.name].map((suggestion) => (
                <li key={suggestion.messageId} className="flex items-start gap-2 text-sm">
                  <span className="min-w-0 flex-1 break-words">“{suggestion.text}”</span>
                  <span
                    className="text-xs tabular-nums text-stone-500"
                    title="The live model's confidence"
                  >
                    {Math.round(suggestion.confidence * 100)}%
                  </span>
                  <Button
                    tone="secondary"
                    size="sm"
                    disabled={pending}
                    aria-label={`Add “${suggestion.text}” to ${intent.name}`}
                    onClick={() =>
                      void run(() =>
                        api('POST', `/intents/${intent.id}/suggested-examples`, {
                          messageIds: [suggestion.messageId],
                        }),
                      )
                    }
                  >
                    Add
                  </Button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-xs text-stone-500">
              Nothing in the review queue fits it: write a few more examples.
            </p>
          )}
        </section>
      ))}
    </div>
  );
}

/** Why an intent needs more examples, as badges. */
export function ExampleAdvice({ intent }: { intent: IntentSummary }) {
  return (
    <>
      {intent.advice.fewExamples ? (
        <Badge tone="amber" title="Fewer than 10 examples">
          few examples
        </Badge>
      ) : null}{' '}
      {intent.advice.lowRecall && intent.recall !== null ? (
        <Badge tone="red" title="Share of its held-out examples the latest model recognized">
          recall {Math.round(intent.recall * 100)}%
        </Badge>
      ) : null}
    </>
  );
}
