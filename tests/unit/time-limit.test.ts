import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { timeLimit } from '@/lib/time-limit';
import { postSigned } from '@/lib/webhooks';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

// A garbage collection during the wait must not lose the deadline (Node 20 loses the timeout
// signal of AbortSignal.any([AbortSignal.timeout(ms), …]): a hanging bot action never gave up).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await receiver?.close();
});

it('aborts with a TimeoutError after the time, a garbage collection meanwhile', async () => {
  const { signal } = timeLimit(200, new AbortController().signal);
  setTimeout(collectGarbage, 20);
  await new Promise((resolve) => signal.addEventListener('abort', resolve));
  expect((signal.reason as DOMException).name).toBe('TimeoutError');
}, 5_000);

it('aborts with the first of its signals, and not after it is cleared', async () => {
  const visitorLeft = new AbortController();
  const limit = timeLimit(50, visitorLeft.signal);
  visitorLeft.abort('left');
  expect(limit.signal.reason).toBe('left');

  const cleared = timeLimit(50);
  cleared.clear();
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(cleared.signal.aborted).toBe(false);
});

it('gives up on a receiver that never answers, a garbage collection meanwhile', async () => {
  receiver.answers.push('hang');
  setTimeout(collectGarbage, 50);
  await expect(
    postSigned({
      url: `${receiver.url}/`,
      body: '{}',
      secret: 's',
      allowPrivateAddresses: true,
      timeoutMs: 300,
      maxResponseBytes: 1_000,
    }),
  ).rejects.toThrow(/No response within 0.3 s/);
}, 10_000);
