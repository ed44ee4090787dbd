import type { Choice, Citation } from '@/lib/schemas/message';
import { isLinkUrl } from '@/lib/schemas/url';

/** What a choice stands for, for agents and admins: the intent, the article or a person. */
function choiceTarget(choice: Choice): string | null {
  if (choice.action === 'human') return 'hands off to a person';
  if (choice.intent) return `answers ${choice.intent}`;
  if (choice.articleId) return `answers article ${choice.articleId}`;
  return null;
}

/** The buttons a bot message offered (or the one a visitor clicked), shown as chips (text only). */
export function ChoiceChips({
  choices,
  className,
  chipClassName,
}: {
  choices: Choice[];
  className: string;
  chipClassName: string;
}) {
  if (!choices.length) return null;
  return (
    <div className={`flex flex-wrap gap-1 ${className}`}>
      {choices.map((choice) => (
        <span
          key={choice.label}
          className={`rounded-full border ${chipClassName}`}
          title={choiceTarget(choice) ?? undefined}
          data-intent={choice.intent}
        >
          {choice.label}
        </span>
      ))}
    </div>
  );
}

/** The knowledge-base sources under a generated answer; links open in a new tab. */
export function CitationList({
  citations,
  className,
  linkClassName,
}: {
  citations: Citation[];
  className: string;
  linkClassName: string;
}) {
  if (!citations.length) return null;
  return (
    <ul className={className}>
      {citations.map((citation) => (
        <li key={citation.articleId}>
          Source:{' '}
          {citation.url && isLinkUrl(citation.url) ? (
            <a
              href={citation.url}
              target="_blank"
              rel="noreferrer noopener"
              className={linkClassName}
            >
              {citation.title}
            </a>
          ) : (
            citation.title
          )}
        </li>
      ))}
    </ul>
  );
}
