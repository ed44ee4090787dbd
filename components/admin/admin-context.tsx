'use client';

import { createContext, useCallback, useContext, type ReactNode } from 'react';
import type { ImportProblem } from '@/lib/schemas/intent';

interface AdminSession {
  csrfToken: string;
  siteId: string;
}

const AdminContext = createContext<AdminSession | null>(null);

export function AdminProvider({ children, ...session }: AdminSession & { children: ReactNode }) {
  return <AdminContext.Provider value={session}>{children}</AdminContext.Provider>;
}

export function useAdminSession(): AdminSession {
  const session = useContext(AdminContext);
  if (!session) throw new Error('useAdminSession outside AdminProvider');
  return session;
}

/** A refusal from the admin API, with the import file's line-numbered problems when there are any. */
export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problems: ImportProblem[] = [],
  ) {
    super(message);
  }
}

/**
 * Calls the admin API of the selected site (`path` is below /api/admin/sites/:siteId, or absolute
 * when it starts with /api/), sending the session's CSRF token.
 */
export function useAdminApi() {
  const { csrfToken, siteId } = useAdminSession();
  return useCallback(
    async <T = unknown,>(method: string, path: string, body?: unknown): Promise<T> => {
      const url = path.startsWith('/api/') ? path : `/api/admin/sites/${siteId}${path}`;
      const response = await fetch(url, {
        method,
        headers: {
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const payload = await response.json().catch(() => null);
      if (!response.ok) {
        throw new AdminApiError(
          payload?.error?.message ?? `The server answered ${response.status}`,
          response.status,
          payload?.error?.problems ?? [],
        );
      }
      return payload as T;
    },
    [csrfToken, siteId],
  );
}
