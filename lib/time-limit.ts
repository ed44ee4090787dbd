/**
 * A signal that aborts after `ms` (with a TimeoutError, as AbortSignal.timeout's) or as soon as any
 * of `signals` does; `clear()` it when the work is done.
 *
 * Not AbortSignal.any([AbortSignal.timeout(ms), …]): Node 20 holds that timeout signal weakly, so a
 * garbage collection during the wait loses it and the wait never ends (nodejs/node#57736; a hanging
 * bot action kept a visitor's turn waiting until the server stopped). Here the timer holds its
 * controller strongly.
 */
export function timeLimit(
  ms: number,
  ...signals: AbortSignal[]
): { signal: AbortSignal; clear(): void } {
  const timeout = new AbortController();
  const timer = setTimeout(
    () => timeout.abort(new DOMException(`No result within ${ms} ms`, 'TimeoutError')),
    ms,
  );
  return {
    signal: AbortSignal.any([timeout.signal, ...signals]),
    clear: () => clearTimeout(timer),
  };
}
