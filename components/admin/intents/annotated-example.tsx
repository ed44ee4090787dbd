'use client';

import { useRef } from 'react';
import type { ExampleAnnotation } from '@/lib/schemas/entity';
import { useAdminApi } from '../admin-context';
import { useAction } from '../use-action';

interface Props {
  intentId: string;
  example: { id: string; text: string; annotations: ExampleAnnotation[] };
}

/** Where the selection starts and ends within the element's text, or null outside it. */
function selectionIn(element: HTMLElement): { start: number; end: number } | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
  const range = selection.getRangeAt(0);
  if (!element.contains(range.startContainer) || !element.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.selectNodeContents(element);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  return { start, end: start + range.toString().length };
}

/**
 * An example with its entities marked; selecting words and pressing "Mark entity" marks them,
 * clicking a mark removes it.
 */
export function AnnotatedExample({ intentId, example }: Props) {
  const api = useAdminApi();
  const { run, error } = useAction();
  const textRef = useRef<HTMLSpanElement>(null);
  const save = (annotations: ExampleAnnotation[]) =>
    run(() =>
      api('PUT', `/intents/${intentId}/examples/${example.id}/annotations`, { annotations }),
    );

  const ordered = [...example.annotations].sort((a, b) => a.start - b.start);
  const pieces: React.ReactNode[] = [];
  let at = 0;
  for (const annotation of ordered) {
    if (annotation.start < at) continue; // overlapping marks show once
    pieces.push(example.text.slice(at, annotation.start));
    pieces.push(
      <mark
        key={`${annotation.start}-${annotation.entity}`}
        title={`${annotation.entity}${annotation.role ? ` (${annotation.role})` : ''} — click to remove`}
        className="cursor-pointer rounded bg-violet-100 px-0.5 text-violet-900"
        onClick={() => void save(example.annotations.filter((other) => other !== annotation))}
      >
        {example.text.slice(annotation.start, annotation.end)}
        <sup className="ml-0.5 font-mono text-[10px]">{annotation.entity}</sup>
      </mark>,
    );
    at = annotation.end;
  }
  pieces.push(example.text.slice(at));

  return (
    <span className="flex flex-1 items-start gap-2">
      <span ref={textRef} className="flex-1 break-words" data-testid="example-text">
        {pieces}
      </span>
      <button
        type="button"
        className="shrink-0 text-xs text-violet-700 hover:underline"
        // Keep the selection: a mousedown on the button would otherwise clear it.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => {
          const span = textRef.current && selectionIn(textRef.current);
          if (!span || span.end <= span.start) {
            window.alert('Select the words of the entity in this example first.');
            return;
          }
          const entity = window.prompt('Entity name (e.g. account_type)')?.trim();
          if (!entity) return;
          void save([...example.annotations, { ...span, entity }]);
        }}
      >
        Mark entity
      </button>
      {error ? <span className="text-xs text-red-700">{error.message}</span> : null}
    </span>
  );
}
