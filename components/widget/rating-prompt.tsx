import { useState, type FormEvent } from 'react';
import type { VisitorConversation } from '@/lib/schemas/events';
import { MAX_CSAT_COMMENT_LENGTH } from '@/lib/schemas/limits';
import type { WidgetStrings } from './strings';

/**
 * After a resolution: a click on a thumb is the rating, saved at once; a comment may follow it and
 * is added to the same rating.
 */
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
  const [comment, setComment] = useState('');
  const [commented, setCommented] = useState(false);
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);
  const score =
    conversation.csatScore === 1 || conversation.csatScore === -1 ? conversation.csatScore : null;

  const send = async (rating: 1 | -1, text: string) => {
    if (sending) return false;
    setSending(true);
    const ok = await onRate(rating, text);
    setSending(false);
    setFailed(!ok);
    return ok;
  };
  const submitComment = async (event: FormEvent) => {
    event.preventDefault();
    if (score === null || !comment.trim()) return;
    if (await send(score, comment.trim())) setCommented(true);
  };
  if (score !== null && commented) {
    return (
      <p role="status" className="border-t border-stone-200 px-4 py-2 text-sm text-stone-700">
        {strings.csatThanks}
      </p>
    );
  }
  const thumb = (value: 1 | -1, label: string, icon: string, text: string) => (
    <button
      type="button"
      aria-label={label}
      aria-pressed={score === value}
      disabled={score !== null || sending}
      onClick={() => void send(value, '')}
      className="flex items-center gap-1 rounded-lg border border-stone-300 px-3 py-1 text-sm aria-pressed:border-stone-700 aria-pressed:bg-stone-100 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-default"
    >
      <span aria-hidden className="text-lg">
        {icon}
      </span>
      {/* The word too, for screens without an emoji font. */}
      <span aria-hidden>{text}</span>
    </button>
  );
  return (
    <form
      onSubmit={submitComment}
      aria-labelledby="hearth-csat"
      className="border-t border-stone-200 px-4 py-3 text-sm"
    >
      <h2 id="hearth-csat" className="font-medium">
        {strings.csatQuestion}
      </h2>
      <div className="mt-2 flex gap-2">
        {thumb(1, strings.csatGood, '👍', strings.csatGoodShort)}
        {thumb(-1, strings.csatBad, '👎', strings.csatBadShort)}
      </div>
      {score !== null && (
        <>
          <p role="status" className="mt-2 text-stone-700">
            {strings.csatThanks}
          </p>
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
              disabled={sending || !comment.trim()}
              className="rounded-lg px-3 py-1 font-medium disabled:opacity-50"
              style={{ background: accent.background, color: accent.text }}
            >
              {strings.csatSend}
            </button>
          </div>
        </>
      )}
      {failed && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {strings.csatFailed}
        </p>
      )}
    </form>
  );
}
