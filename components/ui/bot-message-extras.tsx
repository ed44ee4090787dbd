import type { Citation } from '@/lib/schemas/message';

/** Quick-reply choices a bot message offered, shown as chips (text only). */
export function ChoiceChips({
  choices,
  className,
  chipClassName,
}: {
  choices: string[];
  className: string;
  chipClassName: string;
}) {
  if (!choices.length) return null;
  return (
    <div className={`flex flex-wrap gap-1 ${className}`}>
      {choices.map((choice) => (
        <span key={choice} className={`rounded-full border ${chipClassName}`}>
          {choice}
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
          {citation.url ? (
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
