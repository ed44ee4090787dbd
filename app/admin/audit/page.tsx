import Link from 'next/link';
import { inputClass } from '@/components/admin/field-styles';
import { Card } from '@/components/ui/card';
import { listAuditEvents } from '@/lib/audit';
import { AuditQuerySchema } from '@/lib/schemas/audit';
import { adminContext } from '../admin-context';
import { textLinkClass } from '@/components/ui/link-styles';

const dateFormat = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
});

const FILTERS = [
  ['', 'Everything'],
  ['intent', 'Intents and training data'],
  ['model', 'Model activations'],
  ['site', 'Site and widget settings'],
  ['webhook', 'Webhooks'],
  ['api_token', 'API tokens and their use'],
  ['visitor', "Visitors' data (exports, deletions)"],
  ['member', 'Team'],
  ['invite', 'Invites'],
] as const;

function describe(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  return Object.entries(details as Record<string, unknown>)
    .filter(([key]) => key !== 'siteId')
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<{ action?: string; cursor?: string }>;
}) {
  const { member } = await adminContext();
  // A filter or cursor that cannot be (edited by hand) shows the log from its start.
  const asked = AuditQuerySchema.safeParse(await searchParams);
  const query = asked.success ? asked.data : AuditQuerySchema.parse({});
  const { events, nextCursor } = await listAuditEvents(member.workspaceId, query);
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div className="flex items-end justify-between">
        <h1 className="text-xl font-semibold">Audit log</h1>
        <form method="get" className="flex gap-2">
          <select
            name="action"
            defaultValue={query.action ?? ''}
            className={inputClass}
            aria-label="Show"
          >
            {FILTERS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="rounded-md bg-stone-900 px-3.5 py-2 text-sm font-medium text-white"
          >
            Filter
          </button>
        </form>
      </div>
      <Card label="Audit events">
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase text-stone-500">
            <tr>
              <th className="py-1">When (UTC)</th>
              <th className="py-1">Who</th>
              <th className="py-1">What</th>
              <th className="py-1">Details</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {events.map((event) => (
              <tr key={event.id} className="align-top">
                <td className="whitespace-nowrap py-1.5 pr-3 text-stone-600">
                  {dateFormat.format(event.createdAt)}
                </td>
                <td className="py-1.5 pr-3">{event.actor?.name ?? 'system'}</td>
                <td className="py-1.5 pr-3 font-mono text-xs">{event.action}</td>
                <td className="py-1.5 text-xs text-stone-600">{describe(event.details)}</td>
              </tr>
            ))}
            {!events.length ? (
              <tr>
                <td colSpan={4} className="py-6 text-center text-stone-500">
                  Nothing recorded yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
        {nextCursor ? (
          <Link
            href={`/admin/audit?${new URLSearchParams({ ...(query.action ? { action: query.action } : {}), cursor: nextCursor })}`}
            className={`mt-3 inline-block text-sm ${textLinkClass}`}
          >
            Older →
          </Link>
        ) : null}
      </Card>
    </div>
  );
}
