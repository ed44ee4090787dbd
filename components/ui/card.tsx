import type { ReactNode } from 'react';

export function Card({
  title,
  children,
  className = '',
}: {
  title?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    // min-w-0 and a scrolling body: a wide table scrolls inside its card instead of widening a phone's page.
    <section
      className={`min-w-0 rounded-lg border border-stone-200 bg-white p-4 shadow-xs sm:p-5 ${className}`}
    >
      {title ? <h2 className="mb-4 text-base font-semibold">{title}</h2> : null}
      <div className="overflow-x-auto">{children}</div>
    </section>
  );
}
