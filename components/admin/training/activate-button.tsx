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
  confirmText,
}: {
  versionId: string;
  label: string;
  size?: 'sm' | 'md';
  /** Asked first when activating needs a second thought (a worse score, intents with no answer). */
  confirmText?: string;
}) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  return (
    <span className="inline-flex flex-col gap-1">
      <Button
        size={size}
        tone={size === 'sm' ? 'secondary' : 'primary'}
        disabled={pending}
        onClick={() => {
          if (confirmText && !window.confirm(confirmText)) return;
          void run(() => api('POST', `/model-versions/${versionId}/activate`));
        }}
      >
        {pending ? 'Activating…' : label}
      </Button>
      <ErrorNotice error={error} />
    </span>
  );
}
