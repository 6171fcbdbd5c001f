import { h, setChildren } from './dom';
import type { Translate } from '../i18n';

export interface TileBadgeProps {
  average: number | null;
  count: number;
  loading: boolean;
  /** A notable share of the learner's team took it (the server only says so above its privacy threshold). */
  popularWithTeam?: boolean;
  t: Translate;
}

/** The compact rating on a catalog tile or activity row: ★ 4.2 (12), read out as one phrase. */
export function renderTileBadge(root: Element, { popularWithTeam, ...rating }: TileBadgeProps): void {
  setChildren(root, ratingBadge(rating), popularWithTeam && h('span', { class: 'ripple-badge popular' }, rating.t('popularWithTeam')));
}

function ratingBadge({ average, count, loading, t }: Omit<TileBadgeProps, 'popularWithTeam'>): HTMLElement {
  if (loading) return h('span', { class: 'ripple-badge loading', 'aria-hidden': 'true' }, '☆');
  if (average === null || count === 0) return h('span', { class: 'ripple-badge empty', role: 'img', 'aria-label': t('noRatings'), title: t('noRatings') }, '☆');
  const averageText = average.toFixed(1);
  const label = `${t('averageLabel', averageText)}, ${t(count === 1 ? 'ratingCountOne' : 'ratingCountMany', String(count))}`;
  return h(
    'span',
    { class: 'ripple-badge', role: 'img', 'aria-label': label, title: label },
    h('span', { class: 'glyph' }, '★'),
    ' ',
    h('span', { class: 'average' }, averageText),
    ' ',
    h('span', { class: 'count' }, `(${count})`),
  );
}
