'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { IntentDetail } from '@/lib/intents';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { inputClass, labelClass } from '../field-styles';
import { useAction } from '../use-action';

/** The intent's answer from the site's own system: URL, private-address permission, secret. */
export function IntentActionSettings({ intent }: { intent: IntentDetail }) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const path = `/intents/${intent.id}/action`;
  const [url, setUrl] = useState(intent.action?.url ?? '');
  const [allowPrivateAddresses, setAllowPrivate] = useState(
    intent.action?.allowPrivateAddresses ?? false,
  );
  const [secretShown, setSecretShown] = useState(false);
  const save = (query = '') =>
    run(() => api('PUT', `${path}${query}`, { url, allowPrivateAddresses }));
  return (
    <Card title="Answer from your system">
      <form
        className="space-y-3 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <p className="text-stone-600">
          The bot POSTs the intent, the entities it found and the conversation to this URL (signed
          like webhooks) and says the <code className="font-mono">text</code> of the JSON it gets
          back. If your system does not answer within 5 seconds, the bot says it could not check and
          offers a person. The responses above are then not used.
        </p>
        <label className="block">
          <span className={labelClass}>URL</span>
          <input
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://shop.example.com/hearth/order-status"
            className={inputClass}
          />
        </label>
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            className="mt-1"
            checked={allowPrivateAddresses}
            onChange={(e) => setAllowPrivate(e.target.checked)}
          />
          <span>Allow private and loopback addresses (a system on your local network)</span>
        </label>
        {intent.action ? (
          <div className="flex items-center gap-2">
            <code className="flex-1 truncate rounded bg-stone-100 px-2 py-1 font-mono text-xs">
              {secretShown ? intent.action.secret : '•'.repeat(32)}
            </code>
            <Button size="sm" tone="secondary" onClick={() => setSecretShown(!secretShown)}>
              {secretShown ? 'Hide secret' : 'Reveal secret'}
            </Button>
          </div>
        ) : null}
        <ErrorNotice error={error} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending || !url}>
            {intent.action ? 'Save' : 'Answer from this URL'}
          </Button>
          {intent.action ? (
            <>
              <Button
                tone="secondary"
                disabled={pending}
                onClick={async () => {
                  if (!confirm('Rotate the secret? Your system must switch to the new one.'))
                    return;
                  if (await save('?rotate=secret')) setSecretShown(true);
                }}
              >
                Rotate secret
              </Button>
              <Button
                tone="danger"
                disabled={pending}
                onClick={async () => {
                  if (await run(() => api('DELETE', path))) setUrl('');
                }}
              >
                Answer with the responses again
              </Button>
            </>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
