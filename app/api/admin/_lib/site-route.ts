import { NextResponse } from 'next/server';
import { ActionError, errorResponse, memberFromRequest, type SessionMember } from '@/lib/auth';
import { isIntentFileError } from '@/lib/intents';
import { ArticleNotFoundError } from '@/lib/knowledge';
import { refuseNulCharacters, RowIdSchema } from '@/lib/schemas/storable';
import { requireWorkspaceSite } from '@/lib/sites';
import { NotFoundError, TrainingAlreadyRunningError } from '@/lib/training';

type Params = Record<string, string>;
export interface SiteRouteContext<P extends Params> {
  member: SessionMember;
  siteId: string;
  params: P & { siteId: string };
  request: Request;
}

/**
 * An admin API route: signed-in admin (CSRF-checked on writes), and the site in the URL must belong
 * to the admin's workspace; an id in the path that cannot be one names nothing (404). Refusals
 * become `{ error: { code, message } }` with their status.
 */
export function adminRoute<P extends Params = Params>(
  handler: (context: { member: SessionMember; params: P; request: Request }) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const member = await memberFromRequest(request, { role: 'admin' });
      // A route without dynamic segments gets no params object at all.
      const params = ((await context.params) ?? {}) as P;
      if (!Object.values(params).every((value) => RowIdSchema.safeParse(value).success)) {
        throw new ActionError('not_found', 'Not found');
      }
      const result = await handler({ member, params, request });
      return result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
    } catch (error) {
      return adminErrorResponse(error);
    }
  };
}

export function siteRoute<P extends Params = Params>(
  handler: (context: SiteRouteContext<P>) => Promise<unknown>,
) {
  return adminRoute<P & { siteId: string }>(async ({ member, params, request }) => {
    await requireWorkspaceSite(member, params.siteId);
    return handler({ member, siteId: params.siteId, params, request });
  });
}

function adminErrorResponse(error: unknown): Response {
  if (isIntentFileError(error)) {
    return NextResponse.json(
      { error: { code: 'invalid', message: error.message, problems: error.problems } },
      { status: 400 },
    );
  }
  if (error instanceof TrainingAlreadyRunningError) {
    return NextResponse.json(
      { error: { code: 'conflict', message: error.message, runId: error.runId } },
      { status: 409 },
    );
  }
  if (error instanceof NotFoundError || error instanceof ArticleNotFoundError) {
    return errorResponse(new ActionError('not_found', error.message));
  }
  return errorResponse(error);
}

/** A request's `?name=` query parameters, for a schema to read; a NUL character in one is refused. */
export function queryOf(request: Request): Record<string, string> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  refuseNulCharacters(query);
  return query;
}
