import type { ReactNode } from 'react';

/**
 * Renders the markdown admins write (headings, lists, quotes, code, emphasis, links) as React
 * elements. Never as HTML: a <script> in an article shows as text, and links must be http(s),
 * mailto or relative.
 */
export function MarkdownPreview({ source }: { source: string }) {
  return <div className="space-y-3 text-sm leading-relaxed">{blocks(source)}</div>;
}

function blocks(source: string): ReactNode[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: ReactNode[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    const key = out.length;
    if (!line.trim()) {
      index += 1;
      continue;
    }
    if (line.startsWith('```')) {
      const code: string[] = [];
      index += 1;
      while (index < lines.length && !lines[index].startsWith('```')) code.push(lines[index++]);
      index += 1;
      out.push(
        <pre key={key} className="overflow-x-auto rounded bg-stone-100 p-3 font-mono text-xs">
          {code.join('\n')}
        </pre>,
      );
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1].length;
      const size = ['text-xl', 'text-lg', 'text-base', 'text-sm', 'text-sm', 'text-sm'][level - 1];
      const Tag = `h${Math.min(level + 1, 6)}` as 'h2';
      out.push(
        <Tag key={key} className={`${size} font-semibold`}>
          {inline(heading[2])}
        </Tag>,
      );
      index += 1;
      continue;
    }
    const listItem = /^\s*([-*+]|\d+[.)])\s+/;
    if (listItem.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[] = [];
      while (index < lines.length && listItem.test(lines[index])) {
        items.push(lines[index].replace(listItem, ''));
        index += 1;
      }
      const List = ordered ? 'ol' : 'ul';
      out.push(
        <List key={key} className={`${ordered ? 'list-decimal' : 'list-disc'} space-y-1 pl-5`}>
          {items.map((item, i) => (
            <li key={i}>{inline(item)}</li>
          ))}
        </List>,
      );
      continue;
    }
    if (line.startsWith('>')) {
      const quoted: string[] = [];
      while (index < lines.length && lines[index].startsWith('>')) {
        quoted.push(lines[index].replace(/^>\s?/, ''));
        index += 1;
      }
      out.push(
        <blockquote key={key} className="border-l-4 border-stone-300 pl-3 text-stone-600">
          {inline(quoted.join(' '))}
        </blockquote>,
      );
      continue;
    }
    const paragraph: string[] = [];
    while (
      index < lines.length &&
      lines[index].trim() &&
      !/^(#{1,6}\s|```|>|\s*([-*+]|\d+[.)])\s)/.test(lines[index])
    ) {
      paragraph.push(lines[index].trim());
      index += 1;
    }
    out.push(<p key={key}>{inline(paragraph.join(' '))}</p>);
  }
  return out;
}

const INLINE =
  /`([^`]+)`|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*]+)\*|_([^_]+)_|\[([^\]]+)\]\(([^)\s]+)\)/g;

function safeHref(href: string): string | null {
  if (/^(https?:|mailto:)/i.test(href) || /^[/#]/.test(href)) return href;
  return null;
}

function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    const key = out.length;
    const [, code, bold1, bold2, em1, em2, label, href] = match;
    if (code !== undefined) {
      out.push(
        <code key={key} className="rounded bg-stone-100 px-1 font-mono text-xs">
          {code}
        </code>,
      );
    } else if (bold1 !== undefined || bold2 !== undefined) {
      out.push(<strong key={key}>{inline(bold1 ?? bold2)}</strong>);
    } else if (em1 !== undefined || em2 !== undefined) {
      out.push(<em key={key}>{inline(em1 ?? em2)}</em>);
    } else {
      const target = safeHref(href);
      out.push(
        target ? (
          <a
            key={key}
            href={target}
            className="text-blue-700 underline"
            rel="noreferrer nofollow"
            target="_blank"
          >
            {inline(label)}
          </a>
        ) : (
          label
        ),
      );
    }
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
