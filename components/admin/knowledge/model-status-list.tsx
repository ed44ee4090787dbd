'use client';

import { useEffect, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import type { ModelStatus } from '@/lib/ai';
import { useAdminApi } from '../admin-context';

const TONE = { ready: 'green', loading: 'blue', off: 'neutral', failed: 'red' } as const;

/** Which models are installed and loading; refreshes while one is loading. */
export function ModelStatusList({ initial }: { initial: ModelStatus[] }) {
  const api = useAdminApi();
  const [models, setModels] = useState(initial);
  const loading = models.some((model) => model.state === 'loading');
  useEffect(() => {
    if (!loading) return;
    const timer = setInterval(async () => {
      const next = await api<{ models: ModelStatus[] }>('GET', '/api/admin/models').catch(
        () => null,
      );
      if (next) setModels(next.models);
    }, 1000);
    return () => clearInterval(timer);
  }, [api, loading]);
  return (
    <ul className="space-y-4 text-sm">
      {models.map((model) => (
        <li key={model.capability}>
          <div className="flex items-center justify-between">
            <span className="font-medium capitalize">{model.capability}</span>
            <Badge tone={TONE[model.state]}>{model.state}</Badge>
          </div>
          <p className="font-mono text-xs text-stone-500">
            {model.model.id} ({model.model.dtype}){model.source ? `, ${model.source}` : ''}
          </p>
          {model.progress !== null ? (
            <div className="mt-1 h-1.5 rounded bg-stone-200">
              <div
                className="h-full rounded bg-blue-600"
                style={{ width: `${model.progress * 100}%` }}
              />
            </div>
          ) : null}
          <p className="mt-1 text-stone-600">{model.detail}</p>
          {model.howToEnable ? (
            <p className="mt-1 text-xs text-stone-500">{model.howToEnable}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
