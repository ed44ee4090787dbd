'use client';

import { useActionState, useState } from 'react';
import type { FormState } from '@/lib/auth/form-state';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { TextField } from '@/components/ui/text-field';
import { acceptInviteAction } from './actions';

export function AcceptInviteForm({
  token,
  email,
  hasAccount,
}: {
  token: string;
  email: string;
  hasAccount: boolean;
}) {
  const [state, submit, pending] = useActionState<FormState, FormData>(acceptInviteAction, {});
  // Controlled, so React's reset of the form after a refused attempt keeps the name.
  const [name, setName] = useState('');
  return (
    <form action={submit} className="space-y-4" noValidate>
      {state.error ? <Notice tone="error">{state.error}</Notice> : null}
      <input type="hidden" name="token" value={token} />
      <TextField label="Email" value={email} readOnly autoComplete="username" />
      {hasAccount ? (
        <>
          <TextField
            label="Your current password"
            name="password"
            type="password"
            autoComplete="current-password"
            hint="You already have a Hearth account; this adds the workspace to it."
            required
            error={state.fieldErrors?.password}
          />
        </>
      ) : (
        <>
          <TextField
            label="Your name"
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoComplete="name"
            required
            autoFocus
            error={state.fieldErrors?.name}
          />
          <TextField
            label="Choose a password"
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={10}
            hint="At least 10 characters."
            required
            error={state.fieldErrors?.password}
          />
        </>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Joining…' : 'Join the workspace'}
      </Button>
    </form>
  );
}
