import type { Metadata } from 'next';
import { requireMember } from '@/lib/auth';
import { WorkspaceNav } from '@/components/inbox/workspace-nav';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CsrfField } from '@/components/ui/csrf-field';
import { signOutEverywhereAction } from './actions';
import { PasswordForm } from './password-form';

export const metadata: Metadata = { title: 'Account — Hearth' };

export default async function AccountPage() {
  const member = await requireMember();
  return (
    <>
      <WorkspaceNav member={member} current="settings" />
      <main className="mx-auto max-w-2xl space-y-6 px-4 py-8">
        <h1 className="text-xl font-semibold">Account</h1>
        <Card title="You">
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            <dt className="text-stone-500">Name</dt>
            <dd>{member.name}</dd>
            <dt className="text-stone-500">Email</dt>
            <dd>{member.email}</dd>
            <dt className="text-stone-500">Role</dt>
            <dd className="capitalize">{member.role}</dd>
          </dl>
        </Card>
        <Card title="Password">
          <PasswordForm csrfToken={member.csrfToken} />
        </Card>
        <Card title="Sessions">
          <p className="mb-4 text-sm text-stone-600">
            Lost a device or signed in on a shared computer? End every session of your account,
            including this one.
          </p>
          <form action={signOutEverywhereAction}>
            <CsrfField token={member.csrfToken} />
            <Button type="submit" tone="danger">
              Sign out everywhere
            </Button>
          </form>
        </Card>
      </main>
    </>
  );
}
