import { useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { MAX_MESSAGE_LENGTH } from '@/lib/schemas/limits';
import type { WidgetStrings } from './strings';

const TYPING_REFRESH_MS = 2_000;
const TYPING_IDLE_MS = 3_000;

/** The message box: Enter sends, Shift+Enter breaks the line; tells the other side we are typing. */
export function Composer({
  strings,
  accent,
  inputRef,
  onSend,
  onTyping,
}: {
  strings: WidgetStrings;
  accent: { background: string; text: string };
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onSend(body: string): void;
  onTyping(typing: boolean): void;
}) {
  const [body, setBody] = useState('');
  const typing = useRef({
    sentAt: 0,
    idle: undefined as ReturnType<typeof setTimeout> | undefined,
  });
  const tooLong = body.length > MAX_MESSAGE_LENGTH;

  const noteTyping = () => {
    const now = Date.now();
    if (now - typing.current.sentAt > TYPING_REFRESH_MS) {
      typing.current.sentAt = now;
      onTyping(true);
    }
    clearTimeout(typing.current.idle);
    typing.current.idle = setTimeout(() => {
      typing.current.sentAt = 0;
      onTyping(false);
    }, TYPING_IDLE_MS);
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const text = body.trim();
    if (!text || tooLong) return;
    clearTimeout(typing.current.idle);
    typing.current.sentAt = 0;
    onSend(text);
    setBody('');
    // A click on Send (disabled once the box is empty) would leave the focus nowhere.
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  return (
    <form onSubmit={submit} className="border-t border-stone-200 p-3">
      <div className="flex items-end gap-2">
        <label htmlFor="hearth-message" className="sr-only">
          {strings.messageLabel}
        </label>
        <textarea
          id="hearth-message"
          ref={inputRef}
          rows={1}
          value={body}
          onChange={(event) => {
            setBody(event.target.value);
            noteTyping();
          }}
          onKeyDown={onKeyDown}
          placeholder={strings.messagePlaceholder}
          aria-invalid={tooLong}
          aria-describedby={tooLong ? 'hearth-too-long' : undefined}
          className="max-h-32 min-h-10 flex-1 resize-none rounded-xl border border-stone-300 px-3 py-2 text-sm focus:border-stone-500 focus:outline-2 focus:outline-offset-1 focus:outline-stone-800"
        />
        <button
          type="submit"
          disabled={!body.trim() || tooLong}
          className="h-10 rounded-xl px-4 text-sm font-medium disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2"
          style={{ background: accent.background, color: accent.text }}
        >
          {strings.send}
        </button>
      </div>
      {tooLong && (
        <p id="hearth-too-long" role="alert" className="mt-1 text-xs text-red-700">
          {strings.errors.too_long}
        </p>
      )}
    </form>
  );
}
