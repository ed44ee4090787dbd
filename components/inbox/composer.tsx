'use client';

import { forwardRef, useImperativeHandle, useRef, useState } from 'react';
import { MAX_MESSAGE_LENGTH } from '@/lib/schemas/message';
import type { InboxSetup } from './types';

export interface ComposerHandle {
  focus(mode: 'reply' | 'note'): void;
}

type Canned = InboxSetup['cannedResponses'][number];

/** The `/word` being typed at the caret, if any: what the canned-response picker filters by. */
export function cannedQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)\/([\p{L}\p{N}_-]*)$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2].length - 1, query: match[2].toLowerCase() };
}

/**
 * Reply or private note. Enter sends, Shift+Enter breaks the line, `/` opens the canned responses.
 * Typing is signalled to the visitor only for replies, never while writing a note.
 */
export const Composer = forwardRef<
  ComposerHandle,
  {
    conversationId: string;
    cannedResponses: Canned[];
    onSend: (body: string, isPrivate: boolean) => void;
    onTyping: (typing: boolean) => void;
  }
>(function Composer({ conversationId, cannedResponses, onSend, onTyping }, ref) {
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [picker, setPicker] = useState<{ start: number; query: string } | null>(null);
  const [highlight, setHighlight] = useState(0);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const typing = useRef(false);

  useImperativeHandle(ref, () => ({
    focus(nextMode) {
      setMode(nextMode);
      textarea.current?.focus();
    },
  }));

  const matches = picker
    ? cannedResponses
        .filter((canned) => canned.shortcut.toLowerCase().startsWith(picker.query))
        .slice(0, 8)
    : [];

  const setTyping = (value: boolean) => {
    if (typing.current === value) return;
    typing.current = value;
    onTyping(value);
  };

  const send = () => {
    const body = text.trim();
    if (!body) return;
    onSend(body, mode === 'note');
    setText('');
    setPicker(null);
    setTyping(false);
    // Send disables itself once the box is empty: keep the focus in the box, not on the page body.
    textarea.current?.focus();
  };

  const insertCanned = (canned: Canned) => {
    if (!picker) return;
    const caret = textarea.current?.selectionStart ?? text.length;
    const next = text.slice(0, picker.start) + canned.body + text.slice(caret);
    setText(next);
    setPicker(null);
    requestAnimationFrame(() => {
      const position = picker.start + canned.body.length;
      textarea.current?.setSelectionRange(position, position);
    });
  };

  return (
    <div
      className={`border-t border-stone-200 p-2 ${mode === 'note' ? 'bg-amber-50' : 'bg-white'}`}
    >
      <div role="tablist" aria-label="Message kind" className="mb-1.5 flex gap-1 text-xs">
        {(['reply', 'note'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            role="tab"
            aria-selected={mode === kind}
            onClick={() => {
              setMode(kind);
              if (kind === 'note') setTyping(false);
              textarea.current?.focus();
            }}
            data-testid={`composer-${kind}`}
            className={`rounded px-2 py-1 ${mode === kind ? (kind === 'note' ? 'bg-amber-200 font-medium' : 'bg-stone-900 text-white') : 'text-stone-600 hover:bg-stone-100'}`}
          >
            {kind === 'reply' ? 'Reply (r)' : 'Private note (n)'}
          </button>
        ))}
        <span className="ml-auto self-center text-stone-500">
          {mode === 'note' ? 'Only agents see notes' : 'Type / for canned responses'}
        </span>
      </div>
      <div className="relative">
        {picker && matches.length ? (
          <ul
            role="listbox"
            aria-label="Canned responses"
            className="absolute bottom-full left-0 z-10 mb-1 max-h-60 w-full overflow-y-auto rounded-md border border-stone-200 bg-white py-1 shadow-lg"
            data-testid="canned-picker"
          >
            {matches.map((canned, index) => (
              <li
                key={canned.id}
                role="option"
                aria-selected={index === highlight}
                onMouseDown={(event) => {
                  event.preventDefault();
                  insertCanned(canned);
                }}
                className={`cursor-pointer px-3 py-1.5 text-sm ${index === highlight ? 'bg-blue-50' : ''}`}
              >
                <span className="font-mono text-xs text-blue-700">/{canned.shortcut}</span>{' '}
                <span className="text-stone-600">{canned.body.slice(0, 90)}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <label htmlFor={`composer-${conversationId}`} className="sr-only">
          {mode === 'note' ? 'Private note' : 'Reply'}
        </label>
        <textarea
          ref={textarea}
          id={`composer-${conversationId}`}
          data-testid="composer"
          rows={3}
          maxLength={MAX_MESSAGE_LENGTH}
          value={text}
          placeholder={mode === 'note' ? 'Write a note for your team…' : 'Write a reply…'}
          onChange={(event) => {
            const value = event.target.value;
            setText(value);
            const next = cannedQuery(value, event.target.selectionStart);
            setPicker(next);
            setHighlight(0);
            if (mode === 'reply') setTyping(value.trim().length > 0);
          }}
          onBlur={() => setTyping(false)}
          onKeyDown={(event) => {
            if (picker && matches.length) {
              if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                event.preventDefault();
                const step = event.key === 'ArrowDown' ? 1 : -1;
                setHighlight((current) => (current + step + matches.length) % matches.length);
                return;
              }
              if (event.key === 'Enter' || event.key === 'Tab') {
                event.preventDefault();
                insertCanned(matches[highlight]);
                return;
              }
              if (event.key === 'Escape') {
                event.preventDefault();
                setPicker(null);
                return;
              }
            }
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              send();
            } else if (event.key === 'Escape') {
              event.currentTarget.blur();
            }
          }}
          className={`w-full resize-none rounded-md border px-3 py-2 text-sm focus:outline-none focus:ring-2 ${
            mode === 'note'
              ? 'border-amber-300 bg-white focus:ring-amber-400/40'
              : 'border-stone-300 focus:border-blue-600 focus:ring-blue-600/20'
          }`}
        />
      </div>
      <div className="mt-1 flex justify-end">
        <button
          type="button"
          onClick={send}
          disabled={!text.trim()}
          data-testid="composer-send"
          className={`rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-40 ${mode === 'note' ? 'bg-amber-700' : 'bg-blue-600'}`}
        >
          {mode === 'note' ? 'Add note' : 'Send'}
        </button>
      </div>
    </div>
  );
});
