'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { inputClass } from '../field-styles';
import { useAction } from '../use-action';

/** "Delete conversations quiet for N days", or keep them forever. */
export function RetentionSetting({ initial }: { initial: number | null }) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [keepForever, setKeepForever] = useState(initial === null);
  const [days, setDays] = useState(initial ?? 365);
  const [saved, setSaved] = useState(false);
  return (
    <Card title="Data retention">
      <form
        className="space-y-3 text-sm"
        onSubmit={async (event) => {
          event.preventDefault();
          setSaved(false);
          const retentionDays = keepForever ? null : days;
          if (await run(() => api('PUT', '/retention', { retentionDays }))) setSaved(true);
        }}
      >
        <p className="text-stone-600">
          Conversations with no message for longer than this are deleted with all their messages,
          once a day and at every start. Each run is in the audit log with its count.
        </p>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="retention"
            checked={keepForever}
            onChange={() => setKeepForever(true)}
          />
          Keep conversations forever
        </label>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="retention"
              checked={!keepForever}
              onChange={() => setKeepForever(false)}
            />
            Delete conversations quiet for
          </label>
          <input
            type="number"
            min={1}
            max={3650}
            required
            aria-label="Days"
            value={days}
            disabled={keepForever}
            onChange={(e) => setDays(Number(e.target.value))}
            className={`${inputClass} w-24`}
          />
          days
        </div>
        <ErrorNotice error={error} />
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? 'Saving…' : 'Save'}
          </Button>
          {saved ? <span className="text-sm text-emerald-700">Saved</span> : null}
        </div>
      </form>
    </Card>
  );
}
