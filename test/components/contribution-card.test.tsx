import { afterAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { render } from 'preact';
import { ContributionCard } from '../../components/ContributionCard';
import type { Contribution } from '../../server/contract/contributions';
import { HOSTILE_PAYLOADS } from '../fixtures/hostile-corpus';

const window = new Window();
const document = window.document as unknown as Document;
afterAll(() => window.happyDOM.close());

const t = (key: string, substitutions?: string | string[]) => [key, ...[substitutions ?? []].flat()].join(':');

function contribution(fields: Partial<Contribution>): Contribution {
  return {
    id: 'c1',
    item: 'moodle:lms.example:course:2',
    kind: 'link',
    title: 'Docs',
    url: 'https://docs.example/a',
    text: null,
    file: null,
    helpfulCount: 0,
    votedByMe: false,
    author: { name: 'Ann', pseudonymous: false },
    isMine: false,
    state: 'visible',
    createdAt: '2026-12-01T10:00:00.000Z',
    ...fields,
  };
}

function renderCard(c: Contribution): HTMLElement {
  const container = document.createElement('div');
  const noop = () => {};
  render(<ContributionCard contribution={c} canModerate={false} reported={false} onHelpful={noop} onReport={noop} onModerate={noop} onDownload={noop} t={t} />, container);
  return container;
}

describe('contribution card', () => {
  it('links only to http(s), in a new tab without referrer', () => {
    const card = renderCard(contribution({}));
    const anchor = card.querySelector('a')!;
    expect(anchor.getAttribute('href')).toBe('https://docs.example/a');
    expect(anchor.getAttribute('rel')).toBe('noopener noreferrer nofollow ugc');
    expect(anchor.getAttribute('target')).toBe('_blank');
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>1</script>', 'vbscript:x', ' javascript:x']) {
      const hostile = renderCard(contribution({ url, title: 'Click me' }));
      expect(hostile.querySelector('a')).toBeNull();
      expect(hostile.textContent).toContain('Click me');
    }
  });

  it('offers files as a download button, never as a link to the file', () => {
    const card = renderCard(contribution({ kind: 'file', url: null, title: 'notes.pdf', file: { type: 'pdf', size: 2_400_000, downloadPath: '/uploads/c1' } }));
    expect(card.querySelector('a')).toBeNull();
    const button = [...card.querySelectorAll('button')].find((b) => b.textContent === 'notes.pdf')!;
    expect(button.getAttribute('aria-label')).toBe('downloadFile:notes.pdf');
    expect(card.textContent).toContain('PDF · 2.4 MB');
  });

  it('renders every hostile payload as text', () => {
    for (const payload of HOSTILE_PAYLOADS) {
      const card = renderCard(contribution({ kind: 'tip', title: null, url: null, text: payload }));
      expect(card.querySelectorAll('script, img, iframe, svg, style, object, embed').length).toBe(0);
      for (const element of card.querySelectorAll('*')) {
        for (const attribute of element.getAttributeNames()) expect(attribute.startsWith('on')).toBe(false);
      }
    }
  });
});
