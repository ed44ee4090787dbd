import type { ImportProblem } from '@/lib/schemas/intent';

/** An import file that cannot be read as it is; nothing was changed. */
export class IntentFileError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(
      problems
        .map((problem) =>
          problem.line ? `Line ${problem.line}: ${problem.message}` : problem.message,
        )
        .join('\n'),
    );
    this.name = 'IntentFileError';
  }
}

export function isIntentFileError(error: unknown): error is IntentFileError {
  return error instanceof IntentFileError;
}

/** Reading stops after this many problems: enough to fix a file, not a wall of text. */
export const MAX_PROBLEMS = 20;
