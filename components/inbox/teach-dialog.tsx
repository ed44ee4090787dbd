'use client';

import { useEffect, useRef, useState } from 'react';
import type { AgentMessage } from '@/lib/schemas/events';
import { Button } from '@/components/ui/button';
import { IntentPicker } from './intent-picker';
import type { InboxIntent } from './types';

/** "This meant intent X": turns one visitor message into a training example. */
export function TeachDialog({
  message,
  intents,
  suggestion,
  onTeach,
  onClose,
}: {
  message: AgentMessage;
  intents: InboxIntent[];
  suggestion: string;
  onTeach: (intentName: string) => Promise<void>;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(suggestion);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="teach-title"
      className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-black/30"
      data-testid="teach-dialog"
    >
      <form
        method="dialog"
        className="space-y-3 p-4"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!name.trim()) return;
          setBusy(true);
          try {
            await onTeach(name);
            dialog.current?.close();
          } finally {
            setBusy(false);
          }
        }}
      >
        <h2 id="teach-title" className="font-semibold">
          Teach the bot
        </h2>
        <blockquote className="rounded-md bg-stone-100 px-3 py-2 text-sm whitespace-pre-wrap">
          {message.body}
        </blockquote>
        <IntentPicker intents={intents} value={name} onChange={setName} autoFocus />
        <p className="text-xs text-stone-500">
          It becomes a training example; the next training run learns from it.
        </p>
        <div className="flex justify-end gap-2">
          <Button tone="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy || !name.trim()} data-testid="teach-submit">
            Add example
          </Button>
        </div>
      </form>
    </dialog>
  );
}
