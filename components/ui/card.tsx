import type { ReactNode } from 'react';
import { ScrollArea } from './scroll-area';

export function Card({
  title,
  label = typeof title === 'string' ? title : undefined,
  children,
  className = '',
}: {
  title?: ReactNode;
  /** Names the card's scrolling body for screen readers; defaults to a text title. */
  label?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    // min-w-0 and a scrolling body: a wide table scrolls inside its card instead of widening a phone's page.
    <section
      className={`min-w-0 rounded-lg border border-stone-200 bg-white p-4 shadow-xs sm:p-5 ${className}`}
    >
      {title ? <h2 className="mb-4 text-base font-semibold">{title}</h2> : null}
      <ScrollArea label={label}>{children}</ScrollArea>
    </section>
  );
}
