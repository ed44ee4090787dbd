import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentMember } from '@/lib/auth';
import { safeReturnPath } from '@/lib/auth/return-path';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in — Hearth' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next } = await searchParams;
  const returnPath = safeReturnPath(typeof next === 'string' ? next : undefined);
  if (await getCurrentMember()) redirect(returnPath);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <h1 className="mb-1 text-2xl font-semibold tracking-tight">Sign in to Hearth</h1>
        <p className="mb-6 text-sm text-stone-600">For agents and admins of this workspace.</p>
        <div className="rounded-lg border border-stone-200 bg-white p-6 shadow-xs">
          <SignInForm next={returnPath} />
        </div>
      </div>
    </main>
  );
}
