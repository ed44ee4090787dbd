import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArticleEditor } from '@/components/admin/knowledge/article-editor';
import { getSiteArticle } from '@/lib/sites';
import { adminSiteContext } from '../../admin-context';
import { textLinkClass } from '@/components/ui/link-styles';

export default async function ArticlePage({ params }: { params: Promise<{ articleId: string }> }) {
  const { site } = await adminSiteContext();
  const { articleId } = await params;
  const article = articleId === 'new' ? null : await getSiteArticle(site.id, articleId);
  if (articleId !== 'new' && !article) notFound();
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <Link href="/admin/knowledge" className={`text-sm ${textLinkClass}`}>
        ← Knowledge base
      </Link>
      <ArticleEditor article={article} />
    </div>
  );
}
