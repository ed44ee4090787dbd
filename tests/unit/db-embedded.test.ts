import { describe, expect, it } from 'vitest';
import { loadEmbeddedPostgres } from '@/lib/db/embedded';

describe('loading the embedded Postgres', () => {
  it('leaves exit codes and shutdown signals to us', async () => {
    const events = ['exit', 'beforeExit', 'SIGTERM', 'SIGINT'] as const;
    const before = events.map((event) => process.listenerCount(event));
    await loadEmbeddedPostgres();
    // Its exit hook would turn a failed run's exit code into 0 and race the graceful shutdown.
    expect(events.map((event) => process.listenerCount(event))).toEqual(before);
  });
});
