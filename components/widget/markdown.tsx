import type { Nodes, Parents } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { createElement, type ReactNode } from 'react';
import { isLinkUrl, isWebUrl } from '@/lib/schemas/url';

/**
 * The bot's Markdown in the chat, parsed as react-markdown parses it (CommonMark, through
 * mdast-util-from-markdown) but drawn without React DOM: every node becomes an element from a short
 * list, text is always text (raw HTML shows as written), links must be http(s), mailto or a path on
 * this site, images http(s). components/ui/markdown.tsx draws the same for the inbox and admin.
 */
export function Markdown({ source }: { source: string }) {
  return <div className="markdown space-y-2">{drawChildren(fromMarkdown(source))}</div>;
}

function drawChildren(parent: Parents): ReactNode[] {
  return parent.children.map(draw);
}

function draw(node: Nodes, key: number): ReactNode {
  switch (node.type) {
    case 'text':
    case 'html':
      return node.value;
    case 'paragraph':
      return (
        <p key={key} className="whitespace-pre-wrap">
          {drawChildren(node)}
        </p>
      );
    case 'heading':
      // Headings start at h2: the chat has its own h1.
      return createElement(
        `h${Math.min(node.depth + 1, 6)}`,
        { key, className: 'text-sm font-semibold' },
        drawChildren(node),
      );
    case 'emphasis':
      return <em key={key}>{drawChildren(node)}</em>;
    case 'strong':
      return <strong key={key}>{drawChildren(node)}</strong>;
    case 'inlineCode':
      return (
        <code key={key} className="rounded bg-black/5 px-1 font-mono text-[0.9em]">
          {node.value}
        </code>
      );
    case 'code':
      return (
        <pre key={key} className="overflow-x-auto rounded bg-black/5 p-3 font-mono text-xs">
          <code>{node.value}</code>
        </pre>
      );
    case 'blockquote':
      return (
        <blockquote key={key} className="border-l-4 border-current/30 pl-3">
          {drawChildren(node)}
        </blockquote>
      );
    case 'list':
      return node.ordered ? (
        <ol key={key} start={node.start ?? undefined} className="list-decimal space-y-1 pl-5">
          {drawChildren(node)}
        </ol>
      ) : (
        <ul key={key} className="list-disc space-y-1 pl-5">
          {drawChildren(node)}
        </ul>
      );
    case 'listItem':
      return <li key={key}>{drawChildren(node)}</li>;
    case 'break':
      return <br key={key} />;
    case 'thematicBreak':
      return <hr key={key} />;
    case 'link':
      return isLinkUrl(node.url) || /^mailto:[^/]/i.test(node.url) ? (
        <a
          key={key}
          href={node.url}
          target="_blank"
          rel="noopener noreferrer nofollow"
          className="underline"
        >
          {drawChildren(node)}
        </a>
      ) : (
        drawChildren(node)
      );
    case 'image':
      return isWebUrl(node.url) ? (
        // eslint-disable-next-line @next/next/no-img-element -- images of any web host, sized by the text
        <img key={key} src={node.url} alt={node.alt ?? ''} className="max-w-full" />
      ) : (
        node.alt
      );
    default:
      // References, tables and the like: their text only.
      return 'children' in node ? drawChildren(node) : null;
  }
}
