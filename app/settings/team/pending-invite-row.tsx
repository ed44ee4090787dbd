'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/auth/form-state';
import type { PendingInvite } from '@/lib/workspace/team';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CsrfField } from '@/components/ui/csrf-field';
import { revokeInviteAction } from '../actions';

export function PendingInviteRow({
  invite,
  csrfToken,
}: {
  invite: PendingInvite;
  csrfToken: string;
}) {
  const [state, revoke, revoking] = useActionState<FormState, FormData>(revokeInviteAction, {});
  return (
    <li className="flex items-center gap-3 py-3">
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm">
          {invite.email} <Badge>{invite.role}</Badge>
        </p>
        <p className="text-xs text-stone-500">
          Expires {invite.expiresAt.toLocaleDateString('en')}
        </p>
        {state.error ? (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {state.error}
          </p>
        ) : null}
      </div>
      <form action={revoke}>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="inviteId" value={invite.id} />
        <Button type="submit" tone="secondary" size="sm" disabled={revoking}>
          Revoke
        </Button>
      </form>
    </li>
  );
}
