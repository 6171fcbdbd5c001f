import { moodleSelectors } from './selectors';

/** Trims and collapses runs of whitespace (Moodle's templates indent names across lines). */
export function cleanText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The text a sighted reader sees: screen-reader-only parts (`.accesshide`, `.sr-only`,
 * `.visually-hidden`) are left out. Moodle appends the module name to `.instancename` that way
 * ("Course overview <span class="accesshide"> Page</span>"), and course cards repeat the name.
 */
export function visibleText(element: Element, separateBlocks = false): string {
  return cleanText(rawVisibleText(element, separateBlocks));
}

/** Elements that start a new line, so their words must not run together in running text. */
const BLOCK_TAGS = /^(?:P|DIV|LI|BR|H[1-6]|TD|TH|TR|UL|OL|BLOCKQUOTE|PRE|SECTION|ARTICLE|TABLE)$/;

/** Elements whose text content is code or inert, never something a reader sees. */
const NOT_TEXT_TAGS = /^(?:SCRIPT|STYLE|TEMPLATE|NOSCRIPT)$/;

function rawVisibleText(element: Element, separateBlocks: boolean): string {
  let text = '';
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === 3) text += node.nodeValue ?? '';
    // No spaces added inline: search results highlight inside words (`Meta<span class="highlight">data`).
    else if (node.nodeType === 1 && !NOT_TEXT_TAGS.test((node as Element).tagName) && !(node as Element).matches(moodleSelectors.screenReaderOnly)) {
      const block = separateBlocks && BLOCK_TAGS.test((node as Element).tagName);
      text += block ? ` ${rawVisibleText(node as Element, true)} ` : rawVisibleText(node as Element, separateBlocks);
    }
  }
  return text;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Undoes one level of HTML escaping. `data-activityname` is escaped twice by Moodle (the template
 * escapes an already escaped name: `Course Q&amp;amp;A forum` in the source), so after the parser's
 * own decoding it still reads `Course Q&amp;A forum`. Only what PHP's `htmlspecialchars` produces
 * needs decoding; no markup is ever parsed.
 */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

/** Shared with the data-driven adapters (spec/text.ts). */
export { truncateAtWord } from '../spec/text';
