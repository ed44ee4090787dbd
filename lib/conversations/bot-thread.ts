import type { Worker } from 'node:worker_threads';
import { nudgeJobs } from '@/lib/jobs';
import { startTypeScriptWorker } from '@/lib/workers';
import type { AgentsOnline, BotTurnOptions } from './bot-listener';
import { forwardBotNudges } from './bot-listener';
import type { BotThreadEvent, BotThreadRequest } from './bot-thread-worker';
import { announce, onConversationEvent, type ConversationEventName } from './events';
import { addStageSamples } from './stage-timings';

/** How long a stop waits for the thread beyond its drain (releasing its turns, closing its pool). */
const STOP_GRACE_MS = 5_000;
/** A thread that dies is started again after this (its turns' leases run out; its sweep takes them). */
const RESTART_AFTER_MS = 1_000;

/**
 * The bot's turns on a worker thread of their own (bot-thread-worker.ts runs listenForBotTurns
 * with lib/bot there, with its own database pool and caches, as another node would). This thread
 * keeps the sockets: it stores and acknowledges visitor messages and hands each claimed turn over;
 * what the bot thread announces (its replies, handoffs, typing) is announced here, so the
 * broadcast and every other listener hear it as before. At 500 messages/s the main thread was
 * 96–98% busy and the bot's share of it (deciding, storing replies: turn total p50 12 ms, 8 at
 * once) capped replies near 380/s — see README "The message pipeline".
 */
export async function answerOnBotThread(
  agentsOnline: AgentsOnline | undefined,
  options: BotTurnOptions = {},
): Promise<{ stop(drainMs: number): Promise<void> }> {
  let stopping = false;
  let thread!: Worker;
  await start();

  /** Resolves once the thread listens; requests sent before then wait in its port. */
  function start(): Promise<void> {
    const worker = startTypeScriptWorker('lib/conversations/bot-thread-worker.ts', options);
    thread = worker;
    const post = (request: BotThreadRequest) => worker.postMessage(request);
    worker.on('message', (event: BotThreadEvent) => {
      if (event.type === 'announce') {
        // Typed per name on the thread; relayed as it was announced there.
        (announce as (name: ConversationEventName, payload: unknown) => void)(
          event.name,
          event.payload,
        );
      } else if (event.type === 'agents-online') {
        Promise.resolve(agentsOnline?.(event.workspaceId) ?? false).then(
          (online) => post({ type: 'agents-online', id: event.id, online }),
          (error: Error) => post({ type: 'agents-online', id: event.id, error: error.message }),
        );
      } else if (event.type === 'nudge-jobs') {
        nudgeJobs();
      }
    });
    const ready = new Promise<void>((resolve, reject) => {
      const onReady = (event: BotThreadEvent) => {
        if (event.type !== 'ready') return;
        worker.off('message', onReady);
        resolve();
      };
      worker.on('message', onReady);
      worker.once('exit', (code) => reject(new Error(`the bot thread exited (${code})`)));
    });
    worker.on('error', (error) => console.error('bot: the bot thread failed:', error));
    worker.once('exit', (code) => {
      if (stopping || thread !== worker) return;
      console.error(`bot: the bot thread exited (${code}); starting another`);
      setTimeout(() => {
        if (!stopping) start().catch(logStartFailure);
      }, RESTART_AFTER_MS).unref();
    });
    return ready;
  }

  const send = (request: BotThreadRequest) => thread.postMessage(request);
  const unsubscribes = [
    onConversationEvent('message.created', ({ conversation, message, botTurn, botContext }) => {
      if (botTurn !== 'claimed') return;
      send({ type: 'turn', conversation, message, botContext: botContext ?? null });
    }),
    onConversationEvent('visitor.left', ({ visitorId }) => send({ type: 'left', visitorId })),
  ];
  forwardBotNudges((conversationId) => {
    if (!stopping) send({ type: 'nudge', conversationId });
  });

  return {
    stop: async (drainMs) => {
      stopping = true;
      forwardBotNudges(undefined);
      unsubscribes.forEach((unsubscribe) => unsubscribe());
      const worker = thread;
      const stopped = new Promise<void>((resolve) => {
        worker.on('message', (event: BotThreadEvent) => {
          if (event.type !== 'stopped') return;
          addStageSamples(event.stageSamples);
          resolve();
        });
        worker.once('exit', () => resolve());
      });
      worker.postMessage({ type: 'stop', drainMs } satisfies BotThreadRequest);
      await Promise.race([stopped, delay(drainMs + STOP_GRACE_MS)]);
      await worker.terminate();
    },
  };
}

function logStartFailure(error: Error): void {
  console.error(`bot: could not start the bot thread: ${error.message}`);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
