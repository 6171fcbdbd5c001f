import { afterAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { render } from 'preact';
import { Markdown } from '../../components/Markdown';
import { parseMarkdown, safeHref } from '../../components/markdown';
import { HOSTILE_PAYLOADS } from '../fixtures/hostile-corpus';

const window = new Window();
const document = window.document as unknown as Document;
afterAll(() => window.happyDOM.close());

function renderToContainer(source: string): HTMLElement {
  const container = document.createElement('div');
  render(<Markdown source={source} />, container);
  return container;
}

const ALLOWED_TAGS = new Set(['DIV', 'P', 'BR', 'EM', 'STRONG', 'CODE', 'PRE', 'UL', 'OL', 'LI', 'A']);

describe('markdown subset', () => {
  it('renders emphasis, code, lists, links and line breaks', () => {
    const html = renderToContainer('Hello *there* **friend**, `npm test`\nnext line\n\n- one\n- two\n\n1. a\n2. b\n\n[docs](https://docs.example/x?y=1)').innerHTML;
    expect(html).toContain('<em>there</em>');
    expect(html).toContain('<strong>friend</strong>');
    expect(html).toContain('<code>npm test</code>');
    expect(html).toContain('<br>');
    expect(html).toMatch(/<ul><li dir="auto">one<\/li><li dir="auto">two<\/li><\/ul>/);
    expect(html).toMatch(/<ol>/);
    expect(html).toContain('<a href="https://docs.example/x?y=1" target="_blank" rel="noopener noreferrer nofollow ugc">docs</a>');
  });

  it('keeps fenced code literal', () => {
    expect(parseMarkdown('```\n*not em* <b>\n```')).toEqual([{ type: 'code', text: '*not em* <b>' }]);
  });

  it('links only http(s) and mailto', () => {
    expect(safeHref('https://x.example/a')).toBe('https://x.example/a');
    expect(safeHref('mailto:a@b.example')).toBe('mailto:a@b.example');
    for (const bad of ['javascript:alert(1)', ' javascript:1', 'JAVASCRIPT:1', 'data:text/html,x', 'vbscript:1', '//evil.example', 'ftp://x', 'java\tscript:1']) {
      expect(safeHref(bad), bad).toBeNull();
    }
  });

  it.each(HOSTILE_PAYLOADS.map((payload, index) => [index, payload] as const))('renders hostile payload %i inertly', (_index, payload) => {
    const started = performance.now();
    const container = renderToContainer(payload);
    // Linear-time parsing: even 10,000 characters of nesting markers render at once.
    expect(performance.now() - started).toBeLessThan(1000);
    for (const element of Array.from(container.querySelectorAll('*'))) {
      expect(ALLOWED_TAGS.has(element.tagName), element.tagName).toBe(true);
      for (const attribute of Array.from(element.attributes)) {
        expect(['href', 'target', 'rel', 'dir', 'class'], attribute.name).toContain(attribute.name);
      }
      if (element.tagName === 'A') {
        expect(element.getAttribute('href')).toMatch(/^(https?:\/\/|mailto:)/);
        expect(element.getAttribute('rel')).toBe('noopener noreferrer nofollow ugc');
        expect(element.getAttribute('target')).toBe('_blank');
      }
    }
    expect(container.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});
