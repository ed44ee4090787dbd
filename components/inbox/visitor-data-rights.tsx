'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** Admins only: download everything stored about the visitor, or erase it all. */
export function VisitorDataRights({
  visitorId,
  csrfToken,
}: {
  visitorId: string;
  csrfToken: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  async function erase() {
    const sure = confirm(
      'Delete this visitor and everything stored about them (conversations, messages, notes, ratings, training examples from their words)? This cannot be undone.',
    );
    if (!sure) return;
    setDeleting(true);
    setError(null);
    const response = await fetch(`/api/admin/visitors/${visitorId}`, {
      method: 'DELETE',
      headers: { 'x-csrf-token': csrfToken },
    });
    // On success every agent's inbox (this one too) drops their conversations when told so.
    if (!response.ok) {
      const payload = await response.json().catch(() => null);
      setError(payload?.error?.message ?? `The server answered ${response.status}`);
      setDeleting(false);
    }
  }

  return (
    <div className="mt-4 border-t border-stone-200 pt-3">
      <h3 className="mb-1.5 font-semibold">Visitor&apos;s data</h3>
      <div className="flex flex-wrap gap-2">
        <a
          href={`/api/admin/visitors/${visitorId}/export`}
          download
          className="inline-flex items-center rounded-md border border-stone-300 bg-white px-2.5 py-1 text-xs font-medium text-stone-800 hover:bg-stone-100"
        >
          Export data
        </a>
        <Button size="sm" tone="danger" disabled={deleting} onClick={() => void erase()}>
          {deleting ? 'Deleting…' : 'Delete visitor'}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
