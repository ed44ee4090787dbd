'use client';

import { useActionState, useState } from 'react';
import type { FormState } from '@/lib/auth/form-state';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { TextField } from '@/components/ui/text-field';
import { signInAction } from './actions';

export function SignInForm({ next }: { next?: string }) {
  const [state, submit, pending] = useActionState<FormState, FormData>(signInAction, {});
  // Controlled, so React's reset of the form after a refused attempt keeps the address.
  const [email, setEmail] = useState('');
  return (
    <form action={submit} className="space-y-4" noValidate>
      {state.error ? <Notice tone="error">{state.error}</Notice> : null}
      <input type="hidden" name="next" value={next ?? ''} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        required
        autoFocus
        error={state.fieldErrors?.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.password}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
