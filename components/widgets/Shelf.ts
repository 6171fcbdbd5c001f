import { h } from './dom';
import type { Translate } from '../i18n';

export interface ShelfProps {
  entries: { key: string; title: string; url?: string; colleagues: number | null }[];
  t: Translate;
}

/** "Popular with colleagues in your team": what the learner's team takes most, linking into the LMS. */
export function shelf({ entries, t }: ShelfProps): HTMLElement | null {
  if (entries.length === 0) return null;
  return h(
    'section',
    { class: 'shelf', 'aria-labelledby': 'ripple-shelf-title' },
    h('h2', { id: 'ripple-shelf-title' }, t('shelfTitle')),
    h(
      'ol',
      {},
      ...entries.map((entry) =>
        h(
          'li',
          {},
          entry.url ? h('a', { href: entry.url }, entry.title) : entry.title,
          entry.colleagues !== null && h('span', { class: 'muted' }, ` ${t('alsoTookCount', String(entry.colleagues))}`),
        ),
      ),
    ),
  );
}
