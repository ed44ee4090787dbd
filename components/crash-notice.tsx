'use client';

import { Button } from '@/components/ui/button';
import { WaysBack } from './ways-back';

/**
 * What a visitor or agent sees when a page crashed: a title for the tab and screen readers, a
 * retry, and the ways back. The error's digest is shown so an admin can find it in the server log;
 * its message is not (in production it says nothing, and it may carry internals).
 */
export function CrashNotice({ digest, retry }: { digest?: string; retry: () => void }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <title>Something went wrong — Hearth</title>
      <div className="w-full max-w-sm text-center">
        <h1 className="mb-2 text-2xl font-semibold tracking-tight">Something went wrong</h1>
        <p className="mb-6 text-sm text-stone-600">
          This page could not be shown. Try again, or go back to another page.
        </p>
        {digest && <p className="mb-6 font-mono text-xs text-stone-600">Reference: {digest}</p>}
        <Button onClick={retry} className="mb-6">
          Try again
        </Button>
        <WaysBack />
      </div>
    </main>
  );
}
