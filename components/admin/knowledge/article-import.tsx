'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import type { ImportResult } from '@/lib/knowledge';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { useAction } from '../use-action';

/** Markdown files (title from front matter or the first heading) or a JSON list of articles. */
export function ArticleImport() {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [files, setFiles] = useState<File[]>([]);
  const [result, setResult] = useState<ImportResult | null>(null);
  return (
    <form
      className="space-y-3"
      onSubmit={async (event) => {
        event.preventDefault();
        const payload = await Promise.all(
          files.map(async (file) => ({ name: file.name, content: await file.text() })),
        );
        const imported = await run(() =>
          api<ImportResult>('POST', '/articles/import', { files: payload }),
        );
        if (imported) setResult(imported);
      }}
    >
      <input
        type="file"
        multiple
        accept=".md,.markdown,.json,.txt"
        aria-label="Article files"
        onChange={(e) => setFiles([...(e.target.files ?? [])])}
        className="block w-full text-sm"
      />
      <ErrorNotice error={error} />
      {result ? (
        <Notice tone={result.failed.length ? 'info' : 'success'}>
          {result.created} created, {result.updated} updated.
          {result.failed.map((failure) => (
            <span key={failure.name} className="block text-red-800">
              {failure.name}: {failure.reason}
            </span>
          ))}
        </Notice>
      ) : null}
      <Button type="submit" tone="secondary" disabled={pending || !files.length}>
        Import
      </Button>
    </form>
  );
}
