import type { ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import { isLinkUrl, isWebUrl } from '@/lib/schemas/url';

/**
 * Markdown that admins write (articles, intent responses) and the bot answers with, as React
 * elements: raw HTML shows as text, the tree is sanitized (rehype-sanitize's GitHub rules), links
 * must be http(s), mailto or a path on this site, and images http(s). One renderer for the admin
 * preview, the widget and the inbox.
 */
export function Markdown({ source, className = '' }: { source: string; className?: string }) {
  return (
    <div className={`markdown ${className}`}>
      <ReactMarkdown
        rehypePlugins={[rehypeSanitize]}
        urlTransform={safeUrl}
        components={COMPONENTS}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}

function safeUrl(url: string, key: string): string | null {
  if (key === 'src') return isWebUrl(url) ? url : null;
  if (/^mailto:[^/]/i.test(url)) return url;
  return isLinkUrl(url) ? url : null;
}

// Headings start at h2: the page around the markdown has its own h1.
const HEADING = ['text-lg', 'text-base', 'text-sm', 'text-sm', 'text-sm', 'text-sm'];
function Heading({ level, children }: { level: number; children: ReactNode }) {
  const Tag = `h${Math.min(level + 1, 6)}` as 'h2';
  return <Tag className={`${HEADING[level - 1]} font-semibold`}>{children}</Tag>;
}

const COMPONENTS: Components = {
  h1: ({ children }) => <Heading level={1}>{children}</Heading>,
  h2: ({ children }) => <Heading level={2}>{children}</Heading>,
  h3: ({ children }) => <Heading level={3}>{children}</Heading>,
  h4: ({ children }) => <Heading level={4}>{children}</Heading>,
  h5: ({ children }) => <Heading level={5}>{children}</Heading>,
  h6: ({ children }) => <Heading level={6}>{children}</Heading>,
  p: ({ children }) => <p className="whitespace-pre-wrap">{children}</p>,
  ul: ({ children }) => <ul className="list-disc space-y-1 pl-5">{children}</ul>,
  ol: ({ children }) => <ol className="list-decimal space-y-1 pl-5">{children}</ol>,
  blockquote: ({ children }) => (
    <blockquote className="border-l-4 border-current/30 pl-3 opacity-80">{children}</blockquote>
  ),
  pre: ({ children }) => (
    // A wide code block scrolls: a tab stop, so the keyboard can scroll it too.
    <pre tabIndex={0} className="overflow-x-auto rounded bg-black/5 p-3 font-mono text-xs">
      {children}
    </pre>
  ),
  code: ({ children }) => (
    <code className="rounded bg-black/5 px-1 font-mono text-[0.9em]">{children}</code>
  ),
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="underline">
        {children}
      </a>
    ) : (
      <>{children}</>
    ),
  img: ({ src, alt }) =>
    src ? (
      // eslint-disable-next-line @next/next/no-img-element -- images of any web host, sized by the text
      <img src={String(src)} alt={alt ?? ''} className="max-w-full" />
    ) : (
      <>{alt}</>
    ),
};
