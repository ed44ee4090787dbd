import type { BotReply } from '@/lib/bot';

const DECISION_STYLE: Record<BotReply['decision'], string> = {
  answer: 'bg-emerald-100 text-emerald-800',
  clarify: 'bg-amber-100 text-amber-900',
  fallback: 'bg-stone-200 text-stone-800',
  handoff: 'bg-violet-100 text-violet-800',
};

/** The message the widget would show: text (never HTML), quick replies, citations. */
export function BotReplyView({ reply }: { reply: BotReply }) {
  return (
    <div className="space-y-2">
      <span className={`rounded px-2 py-0.5 text-xs font-medium ${DECISION_STYLE[reply.decision]}`}>
        {reply.decision}
      </span>
      {reply.handoffReason ? (
        <span className="ml-2 text-xs text-stone-500">{reply.handoffReason}</span>
      ) : null}
      <p
        className="whitespace-pre-wrap rounded-lg rounded-tl-none bg-stone-100 px-3 py-2 text-sm"
        data-testid="bot-reply"
      >
        {reply.text}
      </p>
      {reply.choices.length ? (
        <div className="flex flex-wrap gap-1">
          {reply.choices.map((choice) => (
            <span
              key={choice}
              className="rounded-full border border-blue-300 px-2.5 py-0.5 text-xs text-blue-800"
            >
              {choice}
            </span>
          ))}
        </div>
      ) : null}
      {reply.citations.length ? (
        <ul className="text-xs text-stone-600">
          {reply.citations.map((citation) => (
            <li key={citation.articleId}>
              Source:{' '}
              {citation.url ? (
                <a
                  href={citation.url}
                  className="text-blue-700 hover:underline"
                  rel="noreferrer"
                  target="_blank"
                >
                  {citation.title}
                </a>
              ) : (
                citation.title
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
