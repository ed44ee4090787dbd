'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import type { ImportSummary } from '@/lib/intents';
import {
  INTENT_FILE_FORMATS,
  type ImportProblem,
  type IntentFileFormat,
} from '@/lib/schemas/intent';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { inputClass, labelClass } from '../field-styles';
import { useAction } from '../use-action';
import { countOf } from '@/components/ui/count';

const FORMATS = Object.entries(INTENT_FILE_FORMATS) as [IntentFileFormat, { label: string }][];

/**
 * Upload a training-data file (refused whole, with line numbers, when any line is wrong): first a
 * preview of what it adds and what cannot be imported, then the import. Or download the data.
 */
export function ImportExportPanel({ siteId }: { siteId: string }) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [format, setFormat] = useState<IntentFileFormat | 'auto'>('auto');
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [file, setFile] = useState<File | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [preview, setPreview] = useState<ImportSummary | null>(null);
  const [exportFormat, setExportFormat] = useState<IntentFileFormat>('hearth-json');

  /** Reads the file and shows what importing it would do; nothing is stored until confirmed. */
  async function check(event: React.FormEvent) {
    event.preventDefault();
    if (!file) return;
    setSummary(null);
    setPreview(null);
    const content = await file.text();
    const result = await run(
      () =>
        api<ImportSummary>('POST', '/intents/import', {
          format,
          fileName: file.name,
          content,
          mode,
          preview: true,
        }),
      { refresh: false },
    );
    if (result) setPreview(result);
  }

  async function confirmImport() {
    if (!file || !preview) return;
    if (mode === 'replace' && !confirm('Replace all intents of this site with the file?')) return;
    const content = await file.text();
    const result = await run(() =>
      api<ImportSummary>('POST', '/intents/import', { format, fileName: file.name, content, mode }),
    );
    setPreview(null);
    if (result) setSummary(result);
  }

  return (
    <div className="space-y-5">
      <form onSubmit={check} className="space-y-3">
        <div>
          <label htmlFor="import-file" className={labelClass}>
            File
          </label>
          <input
            id="import-file"
            type="file"
            accept=".json,.csv,.yml,.yaml,.txt"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setPreview(null);
              setSummary(null);
            }}
            className="block w-full text-sm"
          />
        </div>
        <div className="grid grid-cols-2 gap-2">
          <label className="text-sm">
            <span className={labelClass}>Format</span>
            <select
              value={format}
              onChange={(event) => setFormat(event.target.value as IntentFileFormat | 'auto')}
              className={inputClass}
            >
              <option value="auto">Detect</option>
              {FORMATS.map(([value, { label }]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className={labelClass}>Mode</span>
            <select
              value={mode}
              onChange={(event) => setMode(event.target.value as 'merge' | 'replace')}
              className={inputClass}
            >
              <option value="merge">Add to intents</option>
              <option value="replace">Replace all</option>
            </select>
          </label>
        </div>
        <p className="text-xs text-stone-500">
          Rasa YAML and nlp.js bring examples, entities and responses; CSV carries examples only;
          Hearth JSON keeps everything. You see what the file holds before anything is imported.
        </p>
        <ErrorNotice error={error} />
        {preview ? (
          <div className="space-y-2" data-testid="import-preview">
            <Notice>
              <ImportCounts summary={preview} />
            </Notice>
            <NotImportedList problems={preview.notImported} />
            <div className="flex gap-2">
              <Button type="button" onClick={confirmImport} disabled={pending}>
                {pending ? 'Importing…' : 'Import'}
              </Button>
              <Button type="button" tone="secondary" onClick={() => setPreview(null)}>
                Cancel
              </Button>
            </div>
          </div>
        ) : (
          <Button type="submit" tone="secondary" disabled={!file || pending}>
            {pending ? 'Reading…' : 'Check file'}
          </Button>
        )}
        {summary ? (
          <Notice tone="success">
            <ImportCounts summary={summary} />
            {summary.conflicts.length ? (
              <span className="block text-amber-800">
                {summary.conflicts.length} example(s) are now under two intents, e.g. “
                {summary.conflicts[0].key}” in {summary.conflicts[0].intents.join(' and ')}.
              </span>
            ) : null}
          </Notice>
        ) : null}
        {summary ? <NotImportedList problems={summary.notImported} /> : null}
      </form>
      <div className="flex items-end gap-2 border-t border-stone-100 pt-4">
        <label className="flex-1 text-sm">
          <span className={labelClass}>Export as</span>
          <select
            value={exportFormat}
            onChange={(event) => setExportFormat(event.target.value as IntentFileFormat)}
            className={inputClass}
          >
            {FORMATS.map(([value, { label }]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <a
          href={`/api/admin/sites/${siteId}/intents/export?format=${exportFormat}`}
          className="rounded-md border border-stone-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-stone-100"
          download
        >
          Download
        </a>
      </div>
    </div>
  );
}

/** Every count is what the import does (or, in a preview, would do). */
function ImportCounts({ summary }: { summary: ImportSummary }) {
  return (
    <>
      {summary.preview ? 'Importing will add' : 'Imported'}{' '}
      {countOf(summary.examplesAdded, 'example')} ({countOf(summary.intentsCreated, 'new intent')},{' '}
      {summary.intentsUpdated} updated, {countOf(summary.duplicatesSkipped, 'duplicate')} skipped),{' '}
      {countOf(summary.annotationsAdded, 'entity annotation')},{' '}
      {countOf(summary.responsesAdded, 'response')},{' '}
      {countOf(summary.entitiesCreated, 'new entity', 'new entities')}
      {summary.entitiesUpdated ? ` (${summary.entitiesUpdated} updated)` : ''}.
      {summary.languageWarning ? (
        <span className="block text-amber-800">{summary.languageWarning}.</span>
      ) : null}
      {summary.outOfScopeExamples ? (
        <span className="block">
          {summary.outOfScopeExamples} examples go to the out-of-scope class (oos).
        </span>
      ) : null}
      {summary.testPhrasesAdded + summary.testPhrasesSkipped ? (
        <span className="block">
          {countOf(summary.testPhrasesAdded, 'test phrase')} (the file&apos;s &quot;tests&quot;)
          {summary.preview ? ' will be' : ' were'} kept to check each trained version with, never to
          train on
          {summary.testPhrasesSkipped ? ` (${summary.testPhrasesSkipped} already kept)` : ''}.
        </span>
      ) : null}
    </>
  );
}

function NotImportedList({ problems }: { problems: ImportProblem[] }) {
  if (!problems.length) return null;
  return (
    <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p className="font-medium">Not imported ({problems.length}):</p>
      <ul className="mt-1 max-h-48 list-disc overflow-y-auto pl-5" data-testid="not-imported">
        {problems.map((problem, index) => (
          <li key={index}>
            {problem.line ? `Line ${problem.line}: ` : ''}
            {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
