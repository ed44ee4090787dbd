import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ArticleImport } from '@/components/admin/knowledge/article-import';
import { KnowledgeAnswerBox } from '@/components/admin/knowledge/knowledge-answer-box';
import { ModelStatusList } from '@/components/admin/knowledge/model-status-list';
import { modelStatus } from '@/lib/ai';
import { listSiteArticles } from '@/lib/sites';
import { adminSiteContext } from '../admin-context';
import { countOf } from '@/components/ui/count';
import { textLinkClass } from '@/components/ui/link-styles';

const dateFormat = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export default async function KnowledgePage() {
  const { site } = await adminSiteContext();
  const articles = await listSiteArticles(site.id);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex items-end justify-between">
        <div>
          <h1 className="text-xl font-semibold">Knowledge base</h1>
          <p className="text-sm text-stone-600">
            The bot answers from these articles when no intent fits, and cites them.
          </p>
        </div>
        <Link
          href="/admin/knowledge/new"
          className="rounded-md bg-stone-900 px-3.5 py-2 text-sm font-medium text-white hover:bg-stone-700"
        >
          New article
        </Link>
      </div>
      <div className="grid gap-6 lg:grid-cols-[1fr_360px]">
        <div className="space-y-6">
          <Card title={`Articles (${articles.length})`}>
            <table className="w-full text-sm">
              <thead className="text-left text-xs uppercase text-stone-500">
                <tr>
                  <th className="py-1">Title</th>
                  <th className="py-1">Updated (UTC)</th>
                  <th className="py-1">Index</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {articles.map((article) => (
                  <tr key={article.id}>
                    <td className="py-1.5">
                      <Link href={`/admin/knowledge/${article.id}`} className={textLinkClass}>
                        {article.title}
                      </Link>
                    </td>
                    <td className="py-1.5 text-stone-600">
                      {dateFormat.format(article.updatedAt)}
                    </td>
                    <td className="py-1.5">
                      {article.upToDate ? (
                        <Badge
                          tone="green"
                          title={`${article.embeddedChunks} of ${article.chunks} chunks have embeddings`}
                        >
                          {countOf(article.chunks, 'chunk')}
                          {article.embeddedChunks ? ', by meaning' : ', keywords'}
                        </Badge>
                      ) : (
                        <Badge tone="amber">not indexed yet</Badge>
                      )}
                    </td>
                  </tr>
                ))}
                {!articles.length ? (
                  <tr>
                    <td colSpan={3} className="py-6 text-center text-stone-500">
                      No articles yet.
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </Card>
          <Card title="What would the bot answer?">
            <KnowledgeAnswerBox />
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Models">
            <ModelStatusList initial={modelStatus()} />
          </Card>
          <Card title="Import articles">
            <ArticleImport />
          </Card>
        </div>
      </div>
    </div>
  );
}
