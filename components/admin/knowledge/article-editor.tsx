'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { inputClass, labelClass } from '../field-styles';
import { useAction } from '../use-action';
import { Markdown } from '@/components/ui/markdown';

interface Article {
  id: string;
  title: string;
  body: string;
  url: string | null;
}

interface Saved {
  articleId: string;
  index: { chunks?: number; embedded?: number } | null;
}

/** Markdown on the left, the safe preview on the right; saving re-indexes the article. */
export function ArticleEditor({ article }: { article: Article | null }) {
  const api = useAdminApi();
  const router = useRouter();
  const { run, pending, error } = useAction();
  const [title, setTitle] = useState(article?.title ?? '');
  const [body, setBody] = useState(article?.body ?? '');
  const [url, setUrl] = useState(article?.url ?? '');
  const [saved, setSaved] = useState(false);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSaved(false);
    const input = { title, body, url: url.trim() || null };
    const result = await run(() =>
      article
        ? api<Saved>('PUT', `/articles/${article.id}`, input)
        : api<Saved>('POST', '/articles', input),
    );
    if (!result) return;
    setSaved(true);
    if (!article) router.replace(`/admin/knowledge/${result.articleId}`);
  }

  async function remove() {
    if (!article || !confirm(`Delete “${article.title}”?`)) return;
    if (
      (await run(() => api('DELETE', `/articles/${article.id}`), { refresh: false })) !== undefined
    ) {
      router.push('/admin/knowledge');
    }
  }

  return (
    <form onSubmit={save} className="grid gap-6 lg:grid-cols-2">
      <Card title={article ? 'Edit article' : 'New article'}>
        <div className="space-y-3">
          <label className="block">
            <span className={labelClass}>Title</span>
            <input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              className={inputClass}
              required
            />
          </label>
          <label className="block">
            <span className={labelClass}>Link shown with citations (optional)</span>
            <input
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              className={inputClass}
              placeholder="https://shop.example.com/help/returns"
            />
          </label>
          <label className="block">
            <span className={labelClass}>Body (markdown)</span>
            <textarea
              value={body}
              onChange={(e) => setBody(e.target.value)}
              rows={18}
              className={`${inputClass} font-mono`}
              required
            />
          </label>
          <ErrorNotice error={error} />
          {saved ? <Notice tone="success">Saved and re-indexed.</Notice> : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? 'Saving…' : 'Save'}
            </Button>
            {article ? (
              <Button tone="danger" onClick={remove} disabled={pending}>
                Delete
              </Button>
            ) : null}
          </div>
        </div>
      </Card>
      <Card title="Preview">
        {/* Articles often open with their title as a heading already. */}
        {body.trimStart().split('\n', 1)[0].trim() === `# ${title.trim()}` ? null : (
          <h2 className="mb-3 text-lg font-semibold">{title || 'Untitled'}</h2>
        )}
        <Markdown source={body} className="space-y-3 text-sm leading-relaxed" />
      </Card>
    </form>
  );
}
