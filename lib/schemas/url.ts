import { z } from 'zod';

/** An absolute http(s) address: never javascript:, data:, file: or the like. */
export function isWebUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** An http(s) address or a path on the same site ("/help/returns"); "//host" leaves the site, so no. */
export function isLinkUrl(value: string): boolean {
  if (isWebUrl(value)) return true;
  return /^\/(?![/\\])/.test(value) && !/[\u0000-\u001f\\]/.test(value);
}

/** A page a visitor was on, an avatar image: an absolute http(s) address of at most `max` characters. */
export const webUrl = (max: number) =>
  z.string().trim().max(max).refine(isWebUrl, 'Use an http:// or https:// address');

/** A link under an answer (an article's source): http(s), or a path on the site. */
export const linkUrl = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(isLinkUrl, 'Use an http:// or https:// address, or a path starting with /');
