/**
 * A small markdown subset for reviews, comments and posts: paragraphs, line breaks, *emphasis*,
 * **strong**, `code`, fenced code blocks, bulleted and numbered lists, and [links](https://…).
 *
 * It never produces HTML: the source is parsed into this tree and rendered as Preact elements, so
 * there is no markup to sanitize and no `innerHTML` anywhere. Anything that is not this subset is
 * shown as the literal text the author typed.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'em' | 'strong'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'br' };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'list'; ordered: boolean; items: Inline[][] };

/** Bidi embedding/override/isolate controls: they let text masquerade as something else. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
/** Other invisible or control characters that have no place in prose. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const MAX_NESTING = 8;
/** `[text](href)`, matched in place (sticky) so long inputs are never copied per character. */
const LINK = /\[([^\]\n]{1,500})\]\(([^)\s]{1,2000})\)/y;

export function cleanUserText(source: string): string {
  return source.replace(/\r\n?/g, '\n').replace(BIDI_CONTROLS, '').replace(CONTROL_CHARS, '');
}

export function parseMarkdown(source: string): Block[] {
  const lines = cleanUserText(source).split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flushParagraph = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n'), 0) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) {
      flushParagraph();
      const code: string[] = [];
      for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) code.push(lines[i]!);
      blocks.push({ type: 'code', text: code.join('\n') });
      continue;
    }
    const item = listItem(line);
    if (item) {
      flushParagraph();
      const items: Inline[][] = [parseInline(item.text, 0)];
      while (i + 1 < lines.length) {
        const next = listItem(lines[i + 1]!);
        if (!next || next.ordered !== item.ordered) break;
        items.push(parseInline(next.text, 0));
        i++;
      }
      blocks.push({ type: 'list', ordered: item.ordered, items });
      continue;
    }
    if (line.trim() === '') flushParagraph();
    else paragraph.push(line);
  }
  flushParagraph();
  return blocks;
}

function listItem(line: string): { ordered: boolean; text: string } | null {
  const bullet = /^\s{0,3}[-*+]\s+(.*)$/.exec(line);
  if (bullet) return { ordered: false, text: bullet[1]! };
  const numbered = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/.exec(line);
  return numbered ? { ordered: true, text: numbered[1]! } : null;
}

/** Only these schemes become links; everything else stays text. */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (!/^(https?:\/\/|mailto:)/i.test(href)) return null;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
  } catch {
    return null;
  }
}

export function parseInline(text: string, depth: number): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const pushText = () => {
    if (plain) out.push({ type: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '\\' && i + 1 < text.length && /[\\`*_[\]()]/.test(text[i + 1]!)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (char === '\n') {
      pushText();
      out.push({ type: 'br' });
      i++;
      continue;
    }
    if (char === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        pushText();
        out.push({ type: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (depth < MAX_NESTING && (text.startsWith('**', i) || text.startsWith('__', i))) {
      const marker = text.slice(i, i + 2);
      const end = text.indexOf(marker, i + 2);
      if (end > i + 2) {
        pushText();
        out.push({ type: 'strong', children: parseInline(text.slice(i + 2, end), depth + 1) });
        i = end + 2;
        continue;
      }
    }
    if (depth < MAX_NESTING && (char === '*' || char === '_') && text[i + 1] !== ' ') {
      const end = text.indexOf(char, i + 1);
      if (end > i + 1 && text[end - 1] !== ' ') {
        pushText();
        out.push({ type: 'em', children: parseInline(text.slice(i + 1, end), depth + 1) });
        i = end + 1;
        continue;
      }
    }
    if (char === '[' && depth < MAX_NESTING) {
      LINK.lastIndex = i;
      const link = LINK.exec(text);
      const href = link && safeHref(link[2]!);
      if (link && href) {
        pushText();
        out.push({ type: 'link', href, children: parseInline(link[1]!, depth + 1) });
        i += link[0].length;
        continue;
      }
    }
    plain += char;
    i++;
  }
  pushText();
  return out;
}
