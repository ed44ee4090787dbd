import { z, ZodError } from 'zod';

/** Row ids (cuid, uuid): anything else cannot name a row, and never reaches a query. */
export const RowIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'not an id');

const NUL = '\u0000';
export const NUL_MESSAGE = 'Text cannot contain NUL characters (\\u0000)';

/** Text Postgres can store: it refuses NUL characters, so they are refused here, with a reason. */
export const withoutNul = <T extends z.ZodType<string>>(schema: T) =>
  schema.refine((text) => !text.includes(NUL), NUL_MESSAGE);

/**
 * Refuses a request's parsed value (body, query) when any string in it, or any key, holds a NUL
 * character: a ZodError at that place, so routes answer with where it is instead of the database
 * failing on it.
 */
export function refuseNulCharacters(value: unknown): void {
  const path = nulPath(value, []);
  if (path) throw new ZodError([{ code: 'custom', path, message: NUL_MESSAGE, input: undefined }]);
}

interface Place {
  value: unknown;
  key: string | number;
  parent: Place | null;
}

// With a stack of its own, and each place linked to its parent rather than carrying its whole path:
// a body nested a million deep neither overflows the call stack nor copies paths a million times.
function nulPath(value: unknown, root: (string | number)[]): (string | number)[] | null {
  const pathOf = (place: Place | null, key?: string): (string | number)[] => {
    const reversed: (string | number)[] = key === undefined ? [] : [key];
    for (let at = place; at?.parent; at = at.parent) reversed.push(at.key);
    return [...root, ...reversed.reverse()];
  };
  const pending: Place[] = [{ value, key: '', parent: null }];
  for (let place = pending.pop(); place; place = pending.pop()) {
    const item = place.value;
    if (typeof item === 'string') {
      if (item.includes(NUL)) return pathOf(place);
    } else if (Array.isArray(item)) {
      item.forEach((child, index) => pending.push({ value: child, key: index, parent: place }));
    } else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (key.includes(NUL)) return pathOf(place, key);
        pending.push({ value: child, key, parent: place });
      }
    }
  }
  return null;
}
