'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import {
  checkRequestOrigin,
  clientAddress,
  formStateFromError,
  SESSION_COOKIE,
  sessionCookieOptions,
  type FormState,
} from '@/lib/auth';
import { acceptInvite } from '@/lib/workspace';

export async function acceptInviteAction(_previous: FormState, form: FormData): Promise<FormState> {
  const requestHeaders = await headers();
  try {
    // The secret invite token in the form is what an attacker's page could not know.
    checkRequestOrigin(requestHeaders);
    const session = await acceptInvite(
      {
        token: form.get('token'),
        name: form.get('name') ?? undefined,
        password: form.get('password'),
      },
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
  redirect('/inbox');
}
