'use client';

import { useEffect, useRef } from 'react';

export const SHORTCUTS: [string, string][] = [
  ['j / k', 'Next / previous conversation'],
  ['1 – 5', 'Switch view'],
  ['/', 'Search messages'],
  ['r', 'Reply'],
  ['n', 'Private note'],
  ['t', 'Take over'],
  ['a', 'Assign to me'],
  ['e', 'Resolve'],
  ['o', 'Reopen'],
  ['b', 'Hand back to the bot'],
  ['i', 'Visitor details'],
  ['Esc', 'Leave the text box'],
  ['?', 'This help'],
];

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="shortcuts-title"
      className="m-auto w-full max-w-sm rounded-lg p-4 shadow-xl backdrop:bg-black/30"
    >
      <h2 id="shortcuts-title" className="mb-3 font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="grid grid-cols-[5rem_1fr] gap-y-1.5 text-sm">
        {SHORTCUTS.map(([keys, action]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-stone-300 bg-stone-50 px-1.5 font-mono text-xs">
                {keys}
              </kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-4 text-right">
        <button className="rounded-md bg-stone-900 px-3 py-1.5 text-sm text-white">Close</button>
      </form>
    </dialog>
  );
}
