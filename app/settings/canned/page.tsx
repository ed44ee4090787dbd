import type { Metadata } from 'next';
import { requireMember } from '@/lib/auth';
import { db } from '@/lib/db';
import { WorkspaceNav } from '@/components/inbox/workspace-nav';
import { Card } from '@/components/ui/card';
import { CannedResponseForm } from './canned-response-form';

export const metadata: Metadata = { title: 'Canned responses — Hearth' };

export default async function CannedResponsesPage() {
  const admin = await requireMember({ role: 'admin' });
  const responses = await db().cannedResponse.findMany({
    where: { workspaceId: admin.workspaceId },
    orderBy: { shortcut: 'asc' },
    select: { id: true, shortcut: true, body: true },
  });
  return (
    <>
      <WorkspaceNav member={admin} current="canned" />
      <main className="mx-auto max-w-3xl space-y-6 px-4 py-8">
        <div>
          <h1 className="text-xl font-semibold">Canned responses</h1>
          <p className="mt-1 text-sm text-stone-600">
            Agents type <kbd className="rounded border px-1 font-mono text-xs">/shortcut</kbd> in a
            reply to insert one.
          </p>
        </div>
        <Card title="New">
          <CannedResponseForm csrfToken={admin.csrfToken} />
        </Card>
        {responses.length ? (
          <Card title={`Saved (${responses.length})`}>
            <ul className="divide-y divide-stone-100">
              {responses.map((response) => (
                <li key={response.id} className="py-4 first:pt-0 last:pb-0">
                  <CannedResponseForm csrfToken={admin.csrfToken} response={response} />
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </main>
    </>
  );
}
