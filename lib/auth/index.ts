// Accounts and sessions. Code outside Next.js (the socket server) may import ./session directly,
// which pulls in nothing from next/*.
export { createSession, findSessionByToken, SESSION_COOKIE, type SessionMember } from './session';
export { getCurrentMember, requireMember, requireMemberForAction } from './member';
export { memberFromRequest, readBody, errorResponse, BODY_LIMITS } from './route';
export { ActionError, isActionError, type ActionErrorCode } from './errors';
export { checkRequestOrigin, CSRF_FIELD, CSRF_HEADER } from './csrf';
export { chatFrameHeaders } from './security-headers';
export { ownHosts, isOwnOrigin } from './own-hosts';
export { sessionCookieOptions } from './cookie';
export { clientAddress, forwardedHeader } from './proxies';
export { formStateFromError, type FormState } from './form-state';
export { signIn } from './actions/sign-in';
export { signOut } from './actions/sign-out';
export { signOutEverywhere } from './actions/sign-out-everywhere';
export { changePassword } from './actions/change-password';
export { resetPassword } from './actions/reset-password';
