'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import {
  checkRequestOrigin,
  clientAddress,
  formStateFromError,
  SESSION_COOKIE,
  sessionCookieOptions,
  signIn,
  type FormState,
} from '@/lib/auth';
import { safeReturnPath } from '@/lib/auth/return-path';

export async function signInAction(_previous: FormState, form: FormData): Promise<FormState> {
  const requestHeaders = await headers();
  try {
    // No session yet, so no session token to check: the Origin check is the login-CSRF defence.
    checkRequestOrigin(requestHeaders);
    const session = await signIn(
      { email: form.get('email'), password: form.get('password') },
      { ip: clientAddress(requestHeaders) },
    );
    (await cookies()).set(
      SESSION_COOKIE,
      session.token,
      sessionCookieOptions(requestHeaders, session.expiresAt),
    );
  } catch (error) {
    return formStateFromError(error);
  }
  redirect(safeReturnPath(form.get('next')));
}
