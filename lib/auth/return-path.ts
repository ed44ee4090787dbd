/** Where to go after signing in: only a path on this site, so the link cannot bounce users elsewhere. */
export function safeReturnPath(value: unknown, fallback = '/inbox'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//'))
    return fallback;
  if (value.includes('\\') || /[\u0000-\u001f]/.test(value)) return fallback;
  return value;
}
