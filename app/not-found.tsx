import type { Metadata } from 'next';
import { WaysBack } from '@/components/ways-back';

export const metadata: Metadata = { title: 'Page not found — Hearth' };

/** Hearth's own page for mistyped addresses, with the ways back in. */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm text-center">
        <p className="text-sm font-medium text-blue-800">404</p>
        <h1 className="mb-2 text-2xl font-semibold tracking-tight">This page does not exist</h1>
        <p className="mb-6 text-sm text-stone-600">
          The address may be mistyped, or the page has moved.
        </p>
        <WaysBack />
      </div>
    </main>
  );
}
