import type { Namespace, Socket } from 'socket.io';
import { ZodError } from 'zod';
import { isActionError } from '@/lib/auth/errors';
import type { Ack, EventError } from '@/lib/schemas/events';

export interface RequestHandler {
  run(payload: unknown): Promise<object>;
  /** Requests of one socket run one after another, in the order they came (message sends). */
  serial?: boolean;
}

// A client sending more than this many events a second is flooding; the excess is refused.
const EVENTS_PER_SECOND = 30;

/** Tracks requests in flight, so a shutdown can let them finish before closing. */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();
  closing = false;

  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work)).catch(() => {});
    return work;
  }

  async drain(timeoutMs: number): Promise<void> {
    this.closing = true;
    const timeout = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([Promise.allSettled([...this.pending]), timeout]);
  }
}

/**
 * Lets a socket into the namespace once `authenticate` resolves with its data; a refusal reaches the
 * client as `connect_error` with `data: { code, message }`.
 */
export function admitWith(
  namespace: Namespace,
  authenticate: (socket: Socket) => Promise<object>,
): void {
  namespace.use((socket, next) => {
    authenticate(socket).then(
      (data) => {
        socket.data = data;
        next();
      },
      (error: unknown) => {
        const problem = toEventError(error);
        next(Object.assign(new Error(problem.message), { data: problem }));
      },
    );
  });
}

/**
 * Answers a socket's requests: each event's handler gets the raw payload (actions validate it),
 * and the acknowledgement carries its result or an error. Nothing a client sends can throw out
 * of here, so a bad event never disconnects anyone.
 */
export function serveRequests(
  socket: Socket,
  handlers: Record<string, RequestHandler>,
  inFlight: InFlight,
): void {
  let windowStart = 0;
  let windowCount = 0;
  let serialQueue: Promise<unknown> = Promise.resolve();

  socket.onAny((event: unknown, ...args: unknown[]) => {
    const ack =
      typeof args[args.length - 1] === 'function'
        ? (args.pop() as (result: Ack<object>) => void)
        : undefined;
    const reply = (result: Ack<object>) => {
      try {
        ack?.(result);
      } catch {
        // The client is gone; nothing to tell.
      }
    };
    const now = Date.now();
    if (now - windowStart > 1000) {
      windowStart = now;
      windowCount = 0;
    }
    if (++windowCount > EVENTS_PER_SECOND) {
      const error: EventError = {
        code: 'rate_limited',
        message: 'Too many events; slow down',
        retryAfterMs: 1000,
      };
      if (windowCount === EVENTS_PER_SECOND + 1) socket.emit('server:error', error);
      return reply({ ok: false, error });
    }
    const handler =
      typeof event === 'string' && Object.hasOwn(handlers, event) ? handlers[event] : undefined;
    if (!handler) {
      return reply({
        ok: false,
        error: { code: 'not_found', message: `Unknown event ${String(event).slice(0, 50)}` },
      });
    }
    if (inFlight.closing) {
      return reply({
        ok: false,
        error: { code: 'internal', message: 'The server is restarting; try again' },
      });
    }
    const run = () => handler.run(args[0]);
    const work = handler.serial ? (serialQueue = serialQueue.catch(() => {}).then(run)) : run();
    void inFlight.track(
      (work as Promise<object>).then(
        (result) => reply({ ok: true, ...result }),
        (error: unknown) => {
          const problem = toEventError(error);
          // Limits the sender broke also arrive as an event, for clients that do not read acks.
          if (problem.code === 'rate_limited' || problem.code === 'too_long') {
            socket.emit('server:error', problem);
          }
          reply({ ok: false, error: problem });
        },
      ),
    );
  });
}

export function toEventError(error: unknown): EventError {
  if (error instanceof ZodError) {
    const tooLong = error.issues.some(
      (issue) => issue.code === 'too_big' && issue.path[0] === 'body',
    );
    const message = error.issues
      .slice(0, 3)
      .map((issue) =>
        issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
      )
      .join('; ');
    return { code: tooLong ? 'too_long' : 'invalid', message };
  }
  if (isActionError(error)) {
    return {
      code: error.code,
      message: error.message,
      ...(error.retryAfterMs ? { retryAfterMs: Math.ceil(error.retryAfterMs) } : {}),
    };
  }
  console.error('realtime: request failed:', error);
  return { code: 'internal', message: 'Something went wrong; try again' };
}
