'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import type { ImportSummary } from '@/lib/intents';
import { INTENT_FILE_FORMATS, type IntentFileFormat } from '@/lib/schemas/intent';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { inputClass, labelClass } from '../field-styles';
import { useAction } from '../use-action';

const FORMATS = Object.entries(INTENT_FILE_FORMATS) as [IntentFileFormat, { label: string }][];

/** Upload a training-data file (refused whole, with line numbers, when any line is wrong) or download one. */
export function ImportExportPanel({ siteId }: { siteId: string }) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [format, setFormat] = useState<IntentFileFormat | 'auto'>('auto');
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [file, setFile] = useState<File | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [exportFormat, setExportFormat] = useState<IntentFileFormat>('hearth-json');

  async function upload(event: React.FormEvent) {
    event.preventDefault();
    if (!file) return;
    if (mode === 'replace' && !confirm('Replace all intents of this site with the file?')) return;
    setSummary(null);
    const content = await file.text();
    const result = await run(() =>
      api<ImportSummary>('POST', '/intents/import', { format, fileName: file.name, content, mode }),
    );
    if (result) setSummary(result);
  }

  return (
    <div className="space-y-5">
      <form onSubmit={upload} className="space-y-3">
        <div>
          <label htmlFor="import-file" className={labelClass}>
            File
          </label>
          <input
            id="import-file"
            type="file"
            accept=".json,.csv,.yml,.yaml,.txt"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
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
          CSV and Rasa YAML carry examples only; nlp.js adds answers; Hearth JSON keeps everything.
        </p>
        <ErrorNotice error={error} />
        {summary ? (
          <Notice tone="success">
            Imported {summary.examplesAdded} examples ({summary.intentsCreated} new intents,{' '}
            {summary.intentsUpdated} updated, {summary.duplicatesSkipped} duplicates skipped).
            {summary.conflicts.length ? (
              <span className="block text-amber-800">
                {summary.conflicts.length} example(s) are now under two intents, e.g. “
                {summary.conflicts[0].key}” in {summary.conflicts[0].intents.join(' and ')}.
              </span>
            ) : null}
          </Notice>
        ) : null}
        <Button type="submit" tone="secondary" disabled={!file || pending}>
          {pending ? 'Importing…' : 'Import'}
        </Button>
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
