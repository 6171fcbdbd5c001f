import type { Translate } from './i18n';

/** Ratings per star, 5★ first, as a list a screen reader reads as "5 stars: 60%". */
export function Histogram({ histogram, count, t }: { histogram: readonly number[]; count: number; t: Translate }) {
  return (
    <ul class="histogram" aria-label={t('histogramLabel')}>
      {[5, 4, 3, 2, 1].map((stars) => {
        const n = histogram[stars - 1] ?? 0;
        const percent = count > 0 ? Math.round((n / count) * 100) : 0;
        const label = t(stars === 1 ? 'starOne' : 'starMany', String(stars));
        return (
          <li key={stars} aria-label={`${label}: ${percent}%`}>
            <span class="bar-label" aria-hidden="true">{stars}★</span>
            <span class="hbar" aria-hidden="true">
              <span class="fill" style={{ width: `${percent}%` }} />
            </span>
            <span class="bar-count" aria-hidden="true">{n}</span>
          </li>
        );
      })}
    </ul>
  );
}
