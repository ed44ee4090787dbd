'use client';

import { useState, type FormEvent } from 'react';
import { MAX_CSAT_COMMENT_LENGTH, type VisitorConversation } from '@/lib/schemas/events';
import type { WidgetStrings } from './strings';

/** After a resolution: thumbs up or down with an optional comment, then thanks. */
export function RatingPrompt({
  conversation,
  strings,
  accent,
  onRate,
}: {
  conversation: VisitorConversation;
  strings: WidgetStrings;
  accent: { background: string; text: string };
  onRate(score: 1 | -1, comment: string): Promise<boolean>;
}) {
  const [score, setScore] = useState<1 | -1 | null>(null);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);

  if (conversation.csatScore !== null) {
    return (
      <p role="status" className="border-t border-stone-200 px-4 py-2 text-sm text-stone-700">
        {strings.csatThanks}
      </p>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (score === null || sending) return;
    setSending(true);
    const ok = await onRate(score, comment.trim());
    setSending(false);
    setFailed(!ok);
  };
  const thumb = (value: 1 | -1, label: string, icon: string) => (
    <button
      type="button"
      aria-label={label}
      aria-pressed={score === value}
      onClick={() => setScore(value)}
      className="rounded-lg border border-stone-300 px-3 py-1 text-lg aria-pressed:border-stone-700 aria-pressed:bg-stone-100 focus-visible:outline-2 focus-visible:outline-offset-2"
    >
      <span aria-hidden>{icon}</span>
    </button>
  );
  return (
    <form
      onSubmit={submit}
      aria-labelledby="hearth-csat"
      className="border-t border-stone-200 px-4 py-3 text-sm"
    >
      <h2 id="hearth-csat" className="font-medium">
        {strings.csatQuestion}
      </h2>
      <div className="mt-2 flex gap-2">
        {thumb(1, strings.csatGood, '👍')}
        {thumb(-1, strings.csatBad, '👎')}
      </div>
      {score !== null && (
        <div className="mt-2 flex gap-2">
          <label htmlFor="hearth-csat-comment" className="sr-only">
            {strings.csatCommentLabel}
          </label>
          <input
            id="hearth-csat-comment"
            value={comment}
            maxLength={MAX_CSAT_COMMENT_LENGTH}
            onChange={(event) => setComment(event.target.value)}
            placeholder={strings.csatCommentPlaceholder}
            className="min-w-0 flex-1 rounded-lg border border-stone-300 px-2 py-1"
          />
          <button
            type="submit"
            disabled={sending}
            className="rounded-lg px-3 py-1 font-medium disabled:opacity-50"
            style={{ background: accent.background, color: accent.text }}
          >
            {strings.csatSend}
          </button>
        </div>
      )}
      {failed && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {strings.csatFailed}
        </p>
      )}
    </form>
  );
}
