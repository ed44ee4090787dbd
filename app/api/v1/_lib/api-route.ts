import { NextResponse } from 'next/server';
import { z, ZodError } from 'zod';
import {
  authenticateApiToken,
  limitApiToken,
  recordApiUse,
  RevokedApiTokenError,
  type ApiCaller,
  type Endpoint,
} from '@/lib/api';
import { ActionError, BODY_LIMITS, isActionError, readBody } from '@/lib/auth';
import { BodyTooLargeError } from '@/lib/auth/route';
import { ArticleNotFoundError } from '@/lib/knowledge';
import type { ApiError, ApiErrorCode } from '@/lib/schemas/api';
import { refuseNulCharacters } from '@/lib/schemas/storable';
import { requireWorkspaceSite } from '@/lib/sites';
import { NotFoundError, TrainingAlreadyRunningError } from '@/lib/training';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiContext<E extends Endpoint> {
  caller: ApiCaller;
  params: Parsed<E['params']>;
  query: Parsed<E['query']>;
  headers: Parsed<E['headers']>;
  body: Parsed<E['body']>;
}

/** What a handler answers: the endpoint's response shape, or nothing for 204. */
type Answer<E extends Endpoint> = E['response'] extends z.ZodType ? z.input<E['response']> : void;

/**
 * A REST API route: token (401), role (403 for a read-only token on anything but GET), the token's
 * rate limit (429), path parameters (a malformed id names nothing: 404), a site in the path checked
 * against the token's workspace (404), query, headers and body through the endpoint's schemas (422),
 * then the handler. The answer goes out through the endpoint's response schema, so it never carries
 * a field the OpenAPI document does not list. Every request a token makes is audited.
 */
export function apiRoute<const E extends Endpoint>(
  endpoint: E,
  handler: (context: ApiContext<E>) => Promise<Answer<E>>,
) {
  return async (
    request: Request,
    context: { params: Promise<Record<string, string>> },
  ): Promise<Response> => {
    let user: { tokenId: string; workspaceId: string; actorId: string | null } | undefined;
    let response: Response;
    try {
      const caller = await authenticateApiToken(request.headers.get('authorization'));
      user = {
        tokenId: caller.tokenId,
        workspaceId: caller.actor.workspaceId,
        actorId: caller.actor.userId,
      };
      if (endpoint.method !== 'GET' && caller.role === 'read_only') {
        throw new ActionError('forbidden', 'This API token is read-only');
      }
      await limitApiToken(caller.tokenId);
      const params = parsePart('path', endpoint.params, await context.params);
      const siteId = (params as { siteId?: string } | undefined)?.siteId;
      if (siteId) await requireWorkspaceSite(caller.actor, siteId);
      const query = parsePart('query', endpoint.query, queryOf(request));
      const headers = parsePart('headers', endpoint.headers, headersOf(request));
      const body = endpoint.body
        ? parsePart('body', endpoint.body, await readJson(request))
        : undefined;
      const answer = await handler({ caller, params, query, headers, body } as ApiContext<E>);
      response = respond(endpoint, answer);
    } catch (error) {
      response = apiErrorResponse(error);
      // A revoked token is still known: its refused use goes on the record too.
      if (error instanceof RevokedApiTokenError) {
        user = { tokenId: error.tokenId, workspaceId: error.workspaceId, actorId: null };
      }
    }
    // Refusals for the rate limit are not audited: under a flood they would be the flood.
    if (user && response.status !== 429) {
      await recordApiUse({
        ...user,
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
      });
    }
    return response;
  };
}

function respond(endpoint: Endpoint, answer: unknown): Response {
  if (!endpoint.response) return new Response(null, { status: 204 });
  const checked = endpoint.response.safeParse(answer);
  if (!checked.success) {
    // Our answer does not match our own document: a bug here, not the caller's mistake.
    throw new Error(`API answer does not match its schema: ${checked.error.message}`);
  }
  return NextResponse.json(checked.data, { status: endpoint.status ?? 200 });
}

/** A request part through its schema; an id in the path that cannot be one names nothing (404). */
function parsePart<S extends z.ZodType | undefined>(
  part: 'path' | 'query' | 'headers' | 'body',
  schema: S,
  value: unknown,
): Parsed<S> {
  if (!schema) return undefined as Parsed<S>;
  if (part !== 'path') {
    try {
      refuseNulCharacters(value);
    } catch (error) {
      throw new RequestInvalidError(part, error as ZodError);
    }
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as Parsed<S>;
  if (part === 'path') throw new ActionError('not_found', 'Not found');
  throw new RequestInvalidError(part, parsed.error);
}

class RequestInvalidError extends Error {
  constructor(
    readonly part: string,
    readonly zodError: ZodError,
  ) {
    super(zodError.issues.map((issue) => issue.message).join('; '));
  }
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return await readBody(request, z.unknown(), BODY_LIMITS.admin);
  } catch (error) {
    // Not JSON at all is a malformed request (400), unlike JSON of the wrong shape (422).
    if (isActionError(error) && error.code === 'invalid') throw new MalformedBodyError();
    throw error;
  }
}

class MalformedBodyError extends Error {
  constructor() {
    super('The request body must be JSON');
  }
}

const queryOf = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);
const headersOf = (request: Request) => Object.fromEntries(request.headers);

const STATUS: Record<Exclude<ApiErrorCode, 'internal'>, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  invalid: 422,
  rate_limited: 429,
};

/** Every refusal in the one shape `{ error: { code, message, details? } }`. */
export function apiErrorResponse(error: unknown): Response {
  const refuse = (
    code: Exclude<ApiErrorCode, 'internal'>,
    message: string,
    details?: ApiError['error']['details'],
    headers: Record<string, string> = {},
  ) =>
    NextResponse.json(
      { error: { code, message, ...(details ? { details } : {}) } } satisfies ApiError,
      {
        status: STATUS[code],
        headers,
      },
    );

  if (error instanceof RequestInvalidError) {
    return refuse('invalid', error.message, { issues: issuesOf(error.zodError, error.part) });
  }
  if (error instanceof ZodError) {
    const message = error.issues.map((issue) => issue.message).join('; ');
    return refuse('invalid', message, { issues: issuesOf(error, 'body') });
  }
  if (error instanceof MalformedBodyError) {
    return NextResponse.json(
      { error: { code: 'invalid', message: error.message } } satisfies ApiError,
      {
        status: 400,
      },
    );
  }
  if (error instanceof BodyTooLargeError) {
    // The rest of the body is never read, so the connection cannot carry another request.
    return refuse('too_large', error.message, undefined, { connection: 'close' });
  }
  if (error instanceof TrainingAlreadyRunningError) {
    return refuse('conflict', error.message, { runId: error.runId });
  }
  if (error instanceof NotFoundError || error instanceof ArticleNotFoundError) {
    return refuse('not_found', error.message);
  }
  if (isActionError(error)) {
    const code = error.code === 'csrf' ? 'forbidden' : error.code;
    const headers: Record<string, string> = error.retryAfterMs
      ? { 'retry-after': String(Math.ceil(error.retryAfterMs / 1000)) }
      : {};
    return refuse(code, error.message, undefined, headers);
  }
  console.error('api: request failed:', error);
  return NextResponse.json(
    { error: { code: 'internal', message: 'Something went wrong on our side' } } satisfies ApiError,
    { status: 500 },
  );
}

function issuesOf(error: ZodError, part: string) {
  return error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}
