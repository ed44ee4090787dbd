import type { Metadata } from 'next';
import Link from 'next/link';
import { findPendingInvite } from '@/lib/workspace';
import { AcceptInviteForm } from './accept-invite-form';

export const metadata: Metadata = { title: 'Join a workspace — Hearth' };

export default async function AcceptInvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findPendingInvite(token);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        {invite ? (
          <>
            <h1 className="mb-1 text-2xl font-semibold tracking-tight">
              Join {invite.workspaceName}
            </h1>
            <p className="mb-6 text-sm text-stone-600">
              You were invited as {invite.role === 'admin' ? 'an admin' : 'an agent'}.
            </p>
            <div className="rounded-lg border border-stone-200 bg-white p-6 shadow-xs">
              <AcceptInviteForm token={token} email={invite.email} hasAccount={invite.hasAccount} />
            </div>
          </>
        ) : (
          <>
            <h1 className="mb-2 text-2xl font-semibold tracking-tight">
              This invite cannot be used
            </h1>
            <p className="text-sm text-stone-600">
              The link is invalid, already used or expired. Ask your admin for a new one, or{' '}
              <Link href="/login" className="underline">
                sign in
              </Link>
              .
            </p>
          </>
        )}
      </div>
    </main>
  );
}
