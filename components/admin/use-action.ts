'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { AdminApiError } from './admin-context';

/**
 * Runs an admin API call with a pending flag and an error message, then refreshes the server
 * components so the page shows the new state.
 */
export function useAction() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AdminApiError | null>(null);
  const [, startTransition] = useTransition();

  async function run<T>(call: () => Promise<T>, { refresh = true } = {}): Promise<T | undefined> {
    setPending(true);
    setError(null);
    try {
      const result = await call();
      if (refresh) startTransition(() => router.refresh());
      return result;
    } catch (caught) {
      setError(caught instanceof AdminApiError ? caught : new AdminApiError(String(caught), 0));
      return undefined;
    } finally {
      setPending(false);
    }
  }
  return { run, pending, error, clearError: () => setError(null) };
}
