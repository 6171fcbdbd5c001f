import type { Translate } from './i18n';

export interface TileBadgeProps {
  average: number | null;
  count: number;
  loading: boolean;
  /** A notable share of the learner's team took it (the server only says so above its privacy threshold). */
  popularWithTeam?: boolean;
  t: Translate;
}

/** The compact rating on a catalog tile or activity row: ★ 4.2 (12), read out as one phrase. */
export function TileBadge({ popularWithTeam, ...rating }: TileBadgeProps) {
  return (
    <>
      <RatingBadge {...rating} />
      {popularWithTeam && <span class="ripple-badge popular">{rating.t('popularWithTeam')}</span>}
    </>
  );
}

function RatingBadge({ average, count, loading, t }: Omit<TileBadgeProps, 'popularWithTeam'>) {
  if (loading) return <span class="ripple-badge loading" aria-hidden="true">☆</span>;
  if (average === null || count === 0) {
    return (
      <span class="ripple-badge empty" role="img" aria-label={t('noRatings')} title={t('noRatings')}>
        ☆
      </span>
    );
  }
  const averageText = average.toFixed(1);
  const label = `${t('averageLabel', averageText)}, ${t(count === 1 ? 'ratingCountOne' : 'ratingCountMany', String(count))}`;
  return (
    <span class="ripple-badge" role="img" aria-label={label} title={label}>
      <span class="glyph">★</span> <span class="average">{averageText}</span> <span class="count">({count})</span>
    </span>
  );
}
