import { ChoiceChips, CitationList } from '@/components/ui/bot-message-extras';
import type { BotReply } from '@/lib/bot';
import { textLinkClass } from '@/components/ui/link-styles';

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
      <ChoiceChips
        choices={reply.choices}
        className=""
        chipClassName="border-blue-300 px-2.5 py-0.5 text-xs text-blue-800"
      />
      <CitationList
        citations={reply.citations}
        className="text-xs text-stone-600"
        linkClassName={textLinkClass}
      />
    </div>
  );
}
