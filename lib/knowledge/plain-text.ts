/** Markdown to the plain text a visitor reads and the indexes see: no markup, no HTML. */
export function markdownToPlainText(markdown: string): string {
  const lines = markdown
    .replace(/\r\n?/g, '\n')
    .replace(/```[^\n]*\n([\s\S]*?)```/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .split('\n')
    .map((line) => plainLine(line))
    .filter((line) => line !== '');
  return (
    lines
      // A line that does not end a sentence gets a full stop: a Chinese one if it ends in Chinese.
      .map((line) => (/[.!?:;。！？：；…]$/.test(line) ? line : `${line}${fullStop(line)}`))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const fullStop = (line: string) => (/\p{Script=Han}$/u.test(line) ? '。' : '.');

function plainLine(line: string): string {
  return line
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_](\S(?:.*?\S)?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*$/, '')
    .replace(/\s*\|\s*/g, ' ')
    .replace(/^[-*_]{3,}$/, '')
    .trim();
}
