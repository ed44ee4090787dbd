'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { inputClass, labelClass } from '../field-styles';
import { useAction } from '../use-action';

export function CreateIntentForm() {
  const api = useAdminApi();
  const router = useRouter();
  const { run, pending, error } = useAction();
  const [name, setName] = useState('');
  return (
    <form
      className="space-y-3"
      onSubmit={async (event) => {
        event.preventDefault();
        const created = await run(() => api<{ id: string }>('POST', '/intents', { name }), {
          refresh: false,
        });
        if (created) router.push(`/admin/intents/${created.id}`);
      }}
    >
      <div>
        <label htmlFor="new-intent-name" className={labelClass}>
          Name
        </label>
        <input
          id="new-intent-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="e.g. order_status"
          className={inputClass}
          required
        />
      </div>
      <ErrorNotice error={error} />
      <Button type="submit" disabled={pending || !name.trim()}>
        Create intent
      </Button>
    </form>
  );
}
