import { ZodError } from 'zod';
import { isActionError } from './errors';

/** What a server-action form shows after a submit. */
export interface FormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  /** Shown on success when the form stays on the page. */
  notice?: string;
}

/** Turns a refusal into something to show next to the form; unexpected errors still throw. */
export function formStateFromError(error: unknown): FormState {
  if (isActionError(error)) return { error: error.message };
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of error.issues)
      fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message;
    return { error: 'Check the highlighted fields', fieldErrors };
  }
  throw error;
}
