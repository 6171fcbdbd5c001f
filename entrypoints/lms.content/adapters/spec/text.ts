/** Trims and collapses whitespace; titles are text, never markup. */
export function cleanText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The text a reader sees: script, style and screen-reader-only parts left out, blocks apart. */
export function readableText(element: Element): string {
  return cleanText(collect(element));
}

const SKIPPED = /^(?:SCRIPT|STYLE|TEMPLATE|NOSCRIPT)$/;
const BLOCK = /^(?:P|DIV|LI|BR|H[1-6]|TD|TH|TR|UL|OL|SECTION|ARTICLE)$/;
const HIDDEN = '.sr-only, .visually-hidden, .accesshide, .screenreader-only, [hidden], [aria-hidden="true"]';

function collect(element: Element): string {
  let text = '';
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === 3) text += node.nodeValue ?? '';
    else if (node.nodeType === 1) {
      const child = node as Element;
      if (SKIPPED.test(child.tagName) || child.matches(HIDDEN)) continue;
      text += BLOCK.test(child.tagName) ? ` ${collect(child)} ` : collect(child);
    }
  }
  return text;
}

/** Patterns come from the adapters (a fixed set), and every page read asks for them again. */
const compiled = new Map<string, RegExp | null>();

/** Compiles a pattern of the adapter format: JS syntax, `(?i)` prefix for case-insensitive. */
export function compilePattern(pattern: string): RegExp | null {
  if (compiled.has(pattern)) return compiled.get(pattern)!;
  const insensitive = pattern.startsWith('(?i)');
  let regexp: RegExp | null;
  try {
    // Never with the `g` or `y` flag: a shared RegExp keeps no state between uses.
    regexp = new RegExp(insensitive ? pattern.slice(4) : pattern, insensitive ? 'i' : '');
  } catch {
    regexp = null;
  }
  compiled.set(pattern, regexp);
  return regexp;
}

/**
 * Cuts a long text at the last word boundary within `max` characters and marks the cut with "…":
 * a title has to fit a badge and a list, and a page can hold megabytes of text in one element.
 */
export function truncateAtWord(text: string, max = 300): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
