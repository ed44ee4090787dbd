'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A box that scrolls what does not fit (a wide table on a phone). While it overflows it is a named
 * tab stop, so keyboard users can scroll it with the arrow keys (WCAG 2.1.1); when everything fits
 * it adds no tab stop.
 */
export function ScrollArea({
  label,
  className = 'overflow-x-auto',
  children,
}: {
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);

  useEffect(() => {
    const element = box.current!;
    const measure = () =>
      setOverflows(
        element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight,
      );
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    // The content grows and shrinks without the box changing size (rows loaded, a panel opened).
    for (const child of element.children) observer.observe(child);
    measure();
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={box}
      className={className}
      {...(overflows ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}
    >
      {children}
    </div>
  );
}
