import { CSRF_FIELD } from '@/lib/schemas/auth';

/** The session's CSRF token, which every state-changing form posts back. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}
