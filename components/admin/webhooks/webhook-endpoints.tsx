'use client';

import { useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import {
  WEBHOOK_EVENT_TYPES,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEventType,
} from '@/lib/schemas/webhook';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { inputClass, labelClass } from '../field-styles';
import { useAction } from '../use-action';

/** The site's endpoints (each with its recent deliveries) and a form to add one. */
export function WebhookEndpoints({ endpoints }: { endpoints: WebhookEndpointView[] }) {
  return (
    <div className="space-y-6">
      {endpoints.map((endpoint) => (
        <EndpointCard key={endpoint.id} endpoint={endpoint} />
      ))}
      <Card title="Add an endpoint">
        <EndpointForm />
      </Card>
    </div>
  );
}

function EventChoices({
  chosen,
  onChange,
}: {
  chosen: WebhookEventType[];
  onChange: (events: WebhookEventType[]) => void;
}) {
  return (
    <fieldset>
      <legend className={labelClass}>Events</legend>
      <div className="grid gap-1 sm:grid-cols-2">
        {WEBHOOK_EVENT_TYPES.map((event) => (
          <label key={event} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={chosen.includes(event)}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? [...chosen, event]
                    : chosen.filter((candidate) => candidate !== event),
                )
              }
            />
            <code className="font-mono text-xs">{event}</code>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function PrivateAddressesField({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input
        type="checkbox"
        className="mt-1"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>
        Allow private and loopback addresses (a receiver on this server or your local network).
        Leave off for anything on the internet.
      </span>
    </label>
  );
}

function EndpointForm() {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['conversation.handed_off']);
  const [allowPrivateAddresses, setAllowPrivate] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <form
      className="space-y-3"
      onSubmit={async (event) => {
        event.preventDefault();
        const created = await run(() =>
          api<{ secret: string }>('POST', '/webhooks', { url, events, allowPrivateAddresses }),
        );
        if (created) {
          setSecret(created.secret);
          setUrl('');
        }
      }}
    >
      <label className="block">
        <span className={labelClass}>URL</span>
        <input
          type="url"
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://crm.example.com/hearth-events"
          className={inputClass}
        />
      </label>
      <EventChoices chosen={events} onChange={setEvents} />
      <PrivateAddressesField checked={allowPrivateAddresses} onChange={setAllowPrivate} />
      <ErrorNotice error={error} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Adding…' : 'Add endpoint'}
      </Button>
      {secret ? (
        <Notice tone="success">
          Added. Its signing secret (also shown under <strong>Reveal</strong>):{' '}
          <code className="font-mono text-xs break-all">{secret}</code>
        </Notice>
      ) : null}
    </form>
  );
}

function EndpointCard({ endpoint }: { endpoint: WebhookEndpointView }) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const path = `/webhooks/${endpoint.id}`;
  const [events, setEvents] = useState(endpoint.events);
  const [allowPrivateAddresses, setAllowPrivate] = useState(endpoint.allowPrivateAddresses);
  const [secretShown, setSecretShown] = useState(false);
  const changed =
    events.length !== endpoint.events.length ||
    events.some((event) => !endpoint.events.includes(event)) ||
    allowPrivateAddresses !== endpoint.allowPrivateAddresses;
  return (
    <Card
      label={endpoint.url}
      title={
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm break-all">{endpoint.url}</span>
          <Badge tone={endpoint.enabled ? 'green' : 'neutral'}>
            {endpoint.enabled ? 'enabled' : 'disabled'}
          </Badge>
        </span>
      }
    >
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <div className="space-y-3">
          <EventChoices chosen={events} onChange={setEvents} />
          <PrivateAddressesField checked={allowPrivateAddresses} onChange={setAllowPrivate} />
          <div className="flex flex-wrap gap-2">
            <Button
              disabled={pending || !changed || !events.length}
              onClick={() => run(() => api('PATCH', path, { events, allowPrivateAddresses }))}
            >
              Save
            </Button>
            <Button
              tone="secondary"
              disabled={pending}
              onClick={() => run(() => api('PATCH', path, { enabled: !endpoint.enabled }))}
            >
              {endpoint.enabled ? 'Disable' : 'Enable'}
            </Button>
            <Button
              tone="danger"
              disabled={pending}
              onClick={() => {
                if (confirm('Delete this endpoint and its delivery log?')) {
                  void run(() => api('DELETE', path));
                }
              }}
            >
              Delete
            </Button>
          </div>
          <div className="space-y-2 text-sm">
            <span className={labelClass}>Signing secret</span>
            <div className="flex items-center gap-2">
              <code className="flex-1 truncate rounded bg-stone-100 px-2 py-1 font-mono text-xs">
                {secretShown ? endpoint.secret : '•'.repeat(32)}
              </code>
              <Button size="sm" tone="secondary" onClick={() => setSecretShown(!secretShown)}>
                {secretShown ? 'Hide' : 'Reveal'}
              </Button>
            </div>
            <Button
              size="sm"
              tone="danger"
              disabled={pending}
              onClick={async () => {
                if (!confirm('Rotate the secret? Your receiver must switch to the new one.'))
                  return;
                if (await run(() => api('POST', `${path}/secret`))) setSecretShown(true);
              }}
            >
              Rotate secret
            </Button>
          </div>
          <ErrorNotice error={error} />
        </div>
        <DeliveryLog endpointId={endpoint.id} deliveries={endpoint.deliveries} />
      </div>
    </Card>
  );
}

const STATUS_TONE: Record<WebhookDeliveryView['status'], BadgeTone> = {
  pending: 'amber',
  succeeded: 'green',
  failed: 'red',
};

const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'short', timeStyle: 'medium' });

function DeliveryLog({
  endpointId,
  deliveries,
}: {
  endpointId: string;
  deliveries: WebhookDeliveryView[];
}) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  if (!deliveries.length) {
    return <p className="text-sm text-stone-500">No deliveries yet.</p>;
  }
  return (
    <div className="space-y-2">
      <ErrorNotice error={error} />
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Recent deliveries</caption>
        <thead className="text-xs text-stone-500">
          <tr>
            <th className="py-1 pr-2 font-medium">Event</th>
            <th className="py-1 pr-2 font-medium">Status</th>
            <th className="py-1 pr-2 font-medium">Last attempt</th>
            <th className="py-1 font-medium">
              <span className="sr-only">Resend</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => (
            <tr key={delivery.id} className="border-t border-stone-100 align-top">
              <td className="py-1.5 pr-2">
                <code className="font-mono text-xs">{delivery.type}</code>
                <div className="text-xs text-stone-500">
                  {timeFormat.format(new Date(delivery.createdAt))}
                </div>
              </td>
              <td className="py-1.5 pr-2">
                <Badge tone={STATUS_TONE[delivery.status]}>{delivery.status}</Badge>
                <div className="text-xs text-stone-500">
                  {delivery.attempts} attempt{delivery.attempts === 1 ? '' : 's'}
                </div>
              </td>
              <td className="py-1.5 pr-2 text-xs text-stone-600">
                {delivery.lastAttemptAt ? (
                  <>
                    {delivery.lastStatusCode ?? 'no response'}
                    {delivery.lastDurationMs !== null ? ` · ${delivery.lastDurationMs} ms` : ''}
                    {delivery.lastError ? (
                      <div className="break-all text-red-700">{delivery.lastError}</div>
                    ) : null}
                  </>
                ) : (
                  'not yet'
                )}
              </td>
              <td className="py-1.5 text-right">
                <Button
                  size="sm"
                  tone="secondary"
                  disabled={pending || delivery.status === 'pending'}
                  onClick={() =>
                    run(() =>
                      api('POST', `/webhooks/${endpointId}/deliveries/${delivery.id}/resend`),
                    )
                  }
                >
                  Resend
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
