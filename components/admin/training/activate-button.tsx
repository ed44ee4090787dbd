'use client';

import { Button } from '@/components/ui/button';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { useAction } from '../use-action';

/** Makes a version live (or rolls back to it): one click, every node swaps at once. */
export function ActivateButton({
  versionId,
  label,
  size = 'md',
}: {
  versionId: string;
  label: string;
  size?: 'sm' | 'md';
}) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  return (
    <span className="inline-flex flex-col gap-1">
      <Button
        size={size}
        tone={size === 'sm' ? 'secondary' : 'primary'}
        disabled={pending}
        onClick={() => void run(() => api('POST', `/model-versions/${versionId}/activate`))}
      >
        {pending ? 'Activating…' : label}
      </Button>
      <ErrorNotice error={error} />
    </span>
  );
}
