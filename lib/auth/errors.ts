/** Why an action was refused, in terms a route, a server action or a socket handler can map. */
export type ActionErrorCode =
  'unauthenticated' | 'forbidden' | 'csrf' | 'not_found' | 'invalid' | 'conflict' | 'rate_limited';

const HTTP_STATUS: Record<ActionErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  rate_limited: 429,
};

export class ActionError extends Error {
  constructor(
    readonly code: ActionErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ActionError';
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export function isActionError(error: unknown): error is ActionError {
  return error instanceof ActionError;
}
