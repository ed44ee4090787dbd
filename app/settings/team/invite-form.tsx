'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { CsrfField } from '@/components/ui/csrf-field';
import { Notice } from '@/components/ui/notice';
import { TextField } from '@/components/ui/text-field';
import { createInviteAction, type InviteFormState } from '../actions';

export function InviteForm({ csrfToken }: { csrfToken: string }) {
  const [state, submit, pending] = useActionState<InviteFormState, FormData>(
    createInviteAction,
    {},
  );
  // Controlled, so a refused address stays in the field to be corrected; a new link clears it.
  const [email, setEmail] = useState('');
  const [shownLink, setShownLink] = useState(state.inviteLink);
  if (state.inviteLink !== shownLink) {
    setShownLink(state.inviteLink);
    setEmail('');
  }
  return (
    <div className="space-y-4">
      <form action={submit} className="flex flex-wrap items-end gap-3" noValidate>
        <CsrfField token={csrfToken} />
        <TextField
          label="Email"
          name="email"
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          required
          className="min-w-56 flex-1"
          error={state.fieldErrors?.email}
        />
        <div>
          <label htmlFor="invite-role" className="mb-1 block text-sm font-medium text-stone-700">
            Role
          </label>
          <select
            id="invite-role"
            name="role"
            defaultValue="agent"
            className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm"
          >
            <option value="agent">Agent</option>
            <option value="admin">Admin</option>
          </select>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create invite link'}
        </Button>
      </form>
      {state.error && !state.fieldErrors ? <Notice tone="error">{state.error}</Notice> : null}
      {state.inviteLink ? (
        <Notice tone="success">
          <p className="mb-2">
            Send this link to {state.email}. It works once, for 7 days, and is shown only now.
          </p>
          <input
            readOnly
            aria-label="Invite link"
            data-testid="invite-link"
            value={state.inviteLink}
            onFocus={(event) => event.currentTarget.select()}
            className="w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs text-stone-800"
          />
          <Button
            size="sm"
            tone="secondary"
            className="mt-2"
            onClick={() => void navigator.clipboard?.writeText(state.inviteLink!)}
          >
            Copy link
          </Button>
        </Notice>
      ) : null}
    </div>
  );
}
