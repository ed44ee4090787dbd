'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/auth/form-state';
import { Button } from '@/components/ui/button';
import { CsrfField } from '@/components/ui/csrf-field';
import { Notice } from '@/components/ui/notice';
import { TextField } from '@/components/ui/text-field';
import { changePasswordAction } from './actions';

export function PasswordForm({ csrfToken }: { csrfToken: string }) {
  const [state, submit, pending] = useActionState<FormState, FormData>(changePasswordAction, {});
  return (
    <form action={submit} className="space-y-4" noValidate>
      <CsrfField token={csrfToken} />
      {state.error ? <Notice tone="error">{state.error}</Notice> : null}
      {state.notice ? <Notice tone="info">{state.notice}</Notice> : null}
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.currentPassword}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters"
        error={state.fieldErrors?.newPassword}
      />
      <Button type="submit" disabled={pending}>
        {pending ? 'Changing…' : 'Change password'}
      </Button>
    </form>
  );
}
