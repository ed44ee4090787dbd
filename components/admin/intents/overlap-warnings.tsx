'use client';

import { Button } from '@/components/ui/button';
import type { IntentOverlap } from '@/lib/intents';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { useAction } from '../use-action';

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * Intents that look like one to the model or in their examples, each with why and a one-click
 * merge of the smaller into the larger (its examples, responses and quick replies move over).
 */
export function OverlapWarnings({ overlaps }: { overlaps: IntentOverlap[] }) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  if (!overlaps.length) return null;
  return (
    <div className="space-y-4" data-testid="overlap-warnings">
      <ErrorNotice error={error} />
      {overlaps.map((overlap) => {
        const { first, second, confusion } = overlap;
        const [from, into] = overlap.mergeInto === 'first' ? [second, first] : [first, second];
        return (
          <div key={`${first.id}|${second.id}`} className="space-y-1 text-sm">
            <p className="font-medium text-amber-800">
              {first.name} and {second.name} overlap
            </p>
            {confusion ? (
              <p className="text-stone-600">
                The model read {percent(confusion.firstAsSecond)} of {first.name}’s held-out
                examples as {second.name}, and {percent(confusion.secondAsFirst)} of {second.name}’s
                as {first.name}.
              </p>
            ) : null}
            {overlap.similarExamples.length ? (
              <ul className="list-inside list-disc text-stone-600">
                {overlap.similarExamples.map((pair) => (
                  <li key={`${pair.first}|${pair.second}`}>
                    “{pair.first}” ({first.name}) is nearly “{pair.second}” ({second.name})
                  </li>
                ))}
              </ul>
            ) : null}
            <Button
              size="sm"
              tone="secondary"
              disabled={pending}
              onClick={() => {
                if (
                  !confirm(
                    `Merge ${from.name} into ${into.name}? Its ${from.exampleCount} examples and its responses move to ${into.name}, and ${from.name} is deleted.`,
                  )
                ) {
                  return;
                }
                void run(() =>
                  api('POST', '/intents/merge', { sourceIds: [from.id], targetId: into.id }),
                );
              }}
            >
              Merge {from.name} into {into.name}
            </Button>
          </div>
        );
      })}
    </div>
  );
}
