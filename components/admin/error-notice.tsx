import { Notice } from '@/components/ui/notice';
import type { AdminApiError } from './admin-context';

/** An API refusal; an import's problems are listed with their line numbers. */
export function ErrorNotice({ error }: { error: AdminApiError | null }) {
  if (!error) return null;
  if (!error.problems.length) return <Notice tone="error">{error.message}</Notice>;
  return (
    <Notice tone="error">
      <p className="font-medium">Nothing was imported: fix these lines and try again.</p>
      <ul className="mt-1 list-disc pl-5 font-mono text-xs">
        {error.problems.map((problem, index) => (
          <li key={index}>
            {problem.line ? `Line ${problem.line}: ` : ''}
            {problem.message}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
