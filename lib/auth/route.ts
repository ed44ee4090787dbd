import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import type { MemberRole } from '@/lib/schemas/auth';
import { refuseNulCharacters } from '@/lib/schemas/storable';
import { checkCsrfToken, checkRequestOrigin, CSRF_HEADER } from './csrf';
import { ActionError, isActionError } from './errors';
import { findSessionByToken, SESSION_COOKIE, type SessionMember } from './session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The member behind a request's session cookie; state-changing methods also pass Origin and CSRF checks. */
export async function memberFromRequest(
  request: Request,
  options: { role?: MemberRole } = {},
): Promise<SessionMember> {
  const mutation = !SAFE_METHODS.has(request.method);
  if (mutation) checkRequestOrigin(request.headers);
  const member = await findSessionByToken(readCookie(request.headers, SESSION_COOKIE));
  if (!member) throw new ActionError('unauthenticated', 'Sign in first');
  if (mutation) checkCsrfToken(member.csrfToken, request.headers.get(CSRF_HEADER));
  if (options.role && member.role !== options.role) {
    throw new ActionError('forbidden', 'Only admins can do that');
  }
  return member;
}

/** A refusal as `{ error: { code, message } }` with the matching status; anything else is rethrown. */
export function errorResponse(error: unknown): Response {
  if (isActionError(error)) {
    const headers: Record<string, string> = {};
    if (error.retryAfterMs) headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
    return NextResponse.json(
      { error: { code: error.code, message: error.message } },
      { status: error.status, headers },
    );
  }
  if (error instanceof BodyTooLargeError) {
    // The rest of the body is never read, so the connection cannot carry another request.
    return NextResponse.json(
      { error: { code: 'too_large', message: error.message } },
      { status: 413, headers: { connection: 'close' } },
    );
  }
  if (error instanceof ZodError) {
    return NextResponse.json(
      {
        error: { code: 'invalid', message: error.issues.map((issue) => issue.message).join('; ') },
      },
      { status: 400 },
    );
  }
  throw error;
}

function readCookie(headers: Headers, name: string): string | undefined {
  for (const part of (headers.get('cookie') ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      return decodeURIComponent(part.slice(separator + 1).trim());
    }
  }
  return undefined;
}

/** Largest request bodies read, in bytes; anything longer is refused with 413 before it is parsed. */
export const BODY_LIMITS = {
  /** The widget's requests are a token and a few fields. */
  widget: 8 * 1024,
  /** Admin forms and edits, an article included. */
  admin: 1024 * 1024,
  /** Intent and article files. */
  import: 5 * 1024 * 1024,
} as const;

/**
 * A request's JSON body, validated; malformed JSON, or text Postgres cannot store (NUL), is the
 * caller's mistake (400), not ours.
 */
export async function readBody<T>(
  request: Request,
  schema: { parse(value: unknown): T },
  maxBytes: number = BODY_LIMITS.admin,
): Promise<T> {
  const text = await readText(request, maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ActionError('invalid', 'The request body must be JSON');
  }
  refuseNulCharacters(body);
  return schema.parse(body);
}

/** Reads at most `maxBytes`, stopping as soon as the body is longer, whatever Content-Length says. */
async function readText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new BodyTooLargeError(maxBytes);
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A body over its route's limit: answered 413 (only routes read bodies, so not an ActionError). */
export class BodyTooLargeError extends Error {
  readonly status = 413;
  readonly code = 'too_large';
  constructor(maxBytes: number) {
    const limit =
      maxBytes >= 1024 * 1024 ? `${maxBytes / (1024 * 1024)} MB` : `${maxBytes / 1024} KB`;
    super(`The request body is larger than ${limit}`);
    this.name = 'BodyTooLargeError';
  }
}
