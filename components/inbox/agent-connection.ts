'use client';

import { useCallback, useEffect, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Ack, AgentNotices, AgentRequests, EventError } from '@/lib/schemas/events';

export class RequestError extends Error {
  constructor(readonly problem: EventError) {
    super(problem.message);
  }
}

export type AgentRequest = <E extends keyof AgentRequests>(
  event: E,
  payload: AgentRequests[E][0],
  options?: { timeoutMs?: number },
) => Promise<AgentRequests[E][1]>;

export type AgentNoticeHandlers = { [Event in keyof AgentNotices]?: AgentNotices[Event] } & {
  connect?: () => void;
  disconnect?: () => void;
  connect_error?: (error: Error & { data?: EventError }) => void;
};

/**
 * The inbox's socket on `/agent` (the session cookie authenticates it). `request` resolves with the
 * acknowledgement or rejects with a RequestError; notices go to the latest handlers.
 */
export function useAgentConnection(handlers: AgentNoticeHandlers): AgentRequest {
  const socket = useRef<Socket | null>(null);
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    const connection = io('/agent', {
      withCredentials: true,
      transports: ['websocket', 'polling'],
    });
    socket.current = connection;
    connection.onAny((event: string, ...args: unknown[]) => {
      const handler = handlersRef.current[event as keyof AgentNotices] as
        ((...values: unknown[]) => void) | undefined;
      handler?.(...args);
    });
    connection.on('connect', () => handlersRef.current.connect?.());
    connection.on('disconnect', () => handlersRef.current.disconnect?.());
    connection.on('connect_error', (error) =>
      handlersRef.current.connect_error?.(error as Error & { data?: EventError }),
    );
    return () => {
      socket.current = null;
      connection.disconnect();
    };
  }, []);

  return useCallback<AgentRequest>(async (event, payload, options = {}) => {
    const connection = socket.current;
    if (!connection?.connected) {
      throw new RequestError({ code: 'internal', message: 'Not connected; reconnecting…' });
    }
    let result: Ack<object>;
    try {
      result = await connection.timeout(options.timeoutMs ?? 10_000).emitWithAck(event, payload);
    } catch {
      throw new RequestError({
        code: 'internal',
        message: 'The server did not answer; check your connection',
      });
    }
    if (!result.ok) throw new RequestError(result.error);
    return result as never;
  }, []);
}

/** A message for the person at the keyboard. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong';
}

/** Errors a retry cannot fix (the message itself is refused), as opposed to a lost connection. */
export function isPermanent(error: unknown): boolean {
  return (
    error instanceof RequestError && !['internal', 'rate_limited'].includes(error.problem.code)
  );
}
