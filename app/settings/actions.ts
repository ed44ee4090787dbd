'use server';

import { cookies, headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import {
  changePassword,
  CSRF_FIELD,
  formStateFromError,
  forwardedHeader,
  requireMemberForAction,
  SESSION_COOKIE,
  signOut,
  signOutEverywhere,
  type FormState,
} from '@/lib/auth';
import { isHttps } from '@/lib/auth/csrf';
import {
  changeMemberRole,
  createInvite,
  deleteCannedResponse,
  removeMember,
  revokeInvite,
  saveCannedResponse,
} from '@/lib/workspace';

export async function signOutAction(form: FormData): Promise<void> {
  const member = await requireMemberForAction(form.get(CSRF_FIELD));
  await signOut(member);
  (await cookies()).delete(SESSION_COOKIE);
  redirect('/login');
}

export async function signOutEverywhereAction(form: FormData): Promise<void> {
  const member = await requireMemberForAction(form.get(CSRF_FIELD));
  await signOutEverywhere(member);
  (await cookies()).delete(SESSION_COOKIE);
  redirect('/login');
}

export async function changePasswordAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  try {
    const member = await requireMemberForAction(form.get(CSRF_FIELD));
    const { sessionsEnded } = await changePassword(member, {
      currentPassword: form.get('currentPassword'),
      newPassword: form.get('newPassword'),
    });
    const others = sessionsEnded === 1 ? '1 other session' : `${sessionsEnded} other sessions`;
    return { notice: `Password changed; ${others} signed out` };
  } catch (error) {
    return formStateFromError(error);
  }
}

export interface InviteFormState extends FormState {
  inviteLink?: string;
  email?: string;
}

export async function createInviteAction(
  _previous: InviteFormState,
  form: FormData,
): Promise<InviteFormState> {
  try {
    const admin = await requireMemberForAction(form.get(CSRF_FIELD), { role: 'admin' });
    const email = String(form.get('email') ?? '');
    const invite = await createInvite(admin, { email, role: form.get('role') ?? undefined });
    revalidatePath('/settings/team');
    return {
      inviteLink: `${await siteOrigin()}/invite/${invite.token}`,
      email: email.trim().toLowerCase(),
    };
  } catch (error) {
    return formStateFromError(error);
  }
}

export async function revokeInviteAction(_previous: FormState, form: FormData): Promise<FormState> {
  return teamChange(form, (admin) => revokeInvite(admin, { inviteId: form.get('inviteId') }));
}

export async function changeMemberRoleAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  return teamChange(form, (admin) =>
    changeMemberRole(admin, { userId: form.get('userId'), role: form.get('role') }),
  );
}

export async function removeMemberAction(_previous: FormState, form: FormData): Promise<FormState> {
  return teamChange(form, (admin) => removeMember(admin, { userId: form.get('userId') }));
}

export async function saveCannedResponseAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  return adminChange(
    form,
    (admin) =>
      saveCannedResponse(admin, {
        id: form.get('id') || undefined,
        shortcut: form.get('shortcut'),
        body: form.get('body'),
      }),
    '/settings/canned',
  );
}

export async function deleteCannedResponseAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  return adminChange(
    form,
    (admin) => deleteCannedResponse(admin, { id: form.get('id') }),
    '/settings/canned',
  );
}

async function teamChange(
  form: FormData,
  change: (admin: Awaited<ReturnType<typeof requireMemberForAction>>) => Promise<unknown>,
): Promise<FormState> {
  return adminChange(form, change, '/settings/team');
}

async function adminChange(
  form: FormData,
  change: (admin: Awaited<ReturnType<typeof requireMemberForAction>>) => Promise<unknown>,
  page: string,
): Promise<FormState> {
  try {
    await change(await requireMemberForAction(form.get(CSRF_FIELD), { role: 'admin' }));
  } catch (error) {
    return formStateFromError(error);
  }
  revalidatePath(page);
  return { notice: 'Saved' };
}

/** The origin the admin is using, so the invite link works from where they copied it. */
async function siteOrigin(): Promise<string> {
  const requestHeaders = await headers();
  const host =
    forwardedHeader(requestHeaders, 'x-forwarded-host') ??
    requestHeaders.get('host') ??
    'localhost';
  return `${isHttps(requestHeaders) ? 'https' : 'http'}://${host}`;
}
