'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/auth/form-state';
import type { TeamMember } from '@/lib/workspace/team';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CsrfField } from '@/components/ui/csrf-field';
import { changeMemberRoleAction, removeMemberAction } from '../actions';

export function MemberRow({
  member,
  isYou,
  csrfToken,
}: {
  member: TeamMember;
  isYou: boolean;
  csrfToken: string;
}) {
  const [roleState, changeRole, changingRole] = useActionState<FormState, FormData>(
    changeMemberRoleAction,
    {},
  );
  const [removeState, remove, removing] = useActionState<FormState, FormData>(
    removeMemberAction,
    {},
  );
  const error = roleState.error ?? removeState.error;
  return (
    <li className="flex flex-wrap items-center gap-3 py-3" data-testid={`member-${member.email}`}>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium">
          {member.name} {isYou ? <Badge>you</Badge> : null}
        </p>
        <p className="truncate text-xs text-stone-500">{member.email}</p>
        {error ? (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <form action={changeRole} className="flex items-center gap-2">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="userId" value={member.userId} />
        <label className="sr-only" htmlFor={`role-${member.userId}`}>
          Role of {member.name}
        </label>
        <select
          id={`role-${member.userId}`}
          name="role"
          defaultValue={member.role}
          disabled={changingRole}
          onChange={(event) => event.currentTarget.form?.requestSubmit()}
          className="rounded-md border border-stone-300 bg-white px-2 py-1 text-sm"
        >
          <option value="agent">Agent</option>
          <option value="admin">Admin</option>
        </select>
      </form>
      <form
        action={remove}
        onSubmit={(event) => {
          if (!confirm(`Remove ${member.name} from the workspace?`)) event.preventDefault();
        }}
      >
        <CsrfField token={csrfToken} />
        <input type="hidden" name="userId" value={member.userId} />
        <Button type="submit" tone="danger" size="sm" disabled={removing}>
          Remove
        </Button>
      </form>
    </li>
  );
}
