'use client';

import { useActionState, useState } from 'react';
import type { FormState } from '@/lib/auth/form-state';
import { Button } from '@/components/ui/button';
import { CsrfField } from '@/components/ui/csrf-field';
import { Notice } from '@/components/ui/notice';
import { TextField } from '@/components/ui/text-field';
import { deleteCannedResponseAction, saveCannedResponseAction } from '../actions';

/** Adds a canned response, or (given one) edits and deletes it. */
export function CannedResponseForm({
  csrfToken,
  response,
}: {
  csrfToken: string;
  response?: { id: string; shortcut: string; body: string };
}) {
  const [saved, save, saving] = useActionState<FormState, FormData>(saveCannedResponseAction, {});
  const [deleted, remove, removing] = useActionState<FormState, FormData>(
    deleteCannedResponseAction,
    {},
  );
  // Controlled, so a refused save keeps what was typed; a new one clears after saving.
  const [shortcut, setShortcut] = useState(response?.shortcut ?? '');
  const [body, setBody] = useState(response?.body ?? '');
  const [settled, setSettled] = useState(saved);
  if (saved !== settled) {
    setSettled(saved);
    if (!response && saved.notice) {
      setShortcut('');
      setBody('');
    }
  }
  const error = saved.error ?? deleted.error;
  return (
    <div className="space-y-2">
      <form action={save} className="space-y-2" noValidate>
        <CsrfField token={csrfToken} />
        {response ? <input type="hidden" name="id" value={response.id} /> : null}
        <TextField
          label="Shortcut"
          name="shortcut"
          value={shortcut}
          onChange={(event) => setShortcut(event.target.value)}
          placeholder="refund"
          error={saved.fieldErrors?.shortcut}
        />
        <div>
          <label
            htmlFor={`body-${response?.id ?? 'new'}`}
            className="mb-1 block text-sm font-medium text-stone-700"
          >
            Response
          </label>
          <textarea
            id={`body-${response?.id ?? 'new'}`}
            name="body"
            rows={3}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            aria-invalid={saved.fieldErrors?.body ? true : undefined}
            className="w-full rounded-md border border-stone-300 px-3 py-2 text-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/20 focus:outline-none"
          />
          {saved.fieldErrors?.body ? (
            <p className="mt-1 text-xs text-red-700">{saved.fieldErrors.body}</p>
          ) : null}
        </div>
        <div className="flex gap-2">
          <Button type="submit" disabled={saving}>
            {response ? 'Save' : 'Add'}
          </Button>
          {response ? (
            <Button type="submit" tone="danger" formAction={remove} disabled={removing}>
              Delete
            </Button>
          ) : null}
        </div>
      </form>
      {error && !saved.fieldErrors ? <Notice tone="error">{error}</Notice> : null}
    </div>
  );
}
