import type { Translate } from './i18n';
import { StarRadioGroup } from './StarRadioGroup';

export type WidgetStatus = 'loading' | 'ready' | 'offline' | 'signed-out' | 'error';

export interface RatingWidgetProps {
  /** Unique per widget on the page (names the radio group). */
  id: string;
  average: number | null;
  count: number;
  mine: number | null;
  status: WidgetStatus;
  /** A message about the learner's last action, e.g. why a rating could not be saved. */
  notice?: string;
  saving?: boolean;
  onRate: (stars: number) => void;
  t: Translate;
}

/** Colleagues' average and count, and the learner's own stars to set or change. */
export function RatingWidget({ id, average, count, mine, status, notice, saving, onRate, t }: RatingWidgetProps) {
  const hasRatings = average !== null && count > 0;
  const averageText = hasRatings ? average.toFixed(1) : '';
  const countText = t(count === 1 ? 'ratingCountOne' : 'ratingCountMany', String(count));
  return (
    <section class="ripple-rating" aria-label={t('widgetLabel')} aria-busy={status === 'loading'}>
      <p class="aggregate">
        {hasRatings ? (
          <>
            <span class="glyph" aria-hidden="true">★</span>
            <span class="average" aria-label={t('averageLabel', averageText)}>{averageText}</span>{' '}
            <span class="count" aria-label={countText}>({count})</span>
          </>
        ) : (
          <span class="empty">{status === 'loading' ? t('loading') : t('noRatings')}</span>
        )}
      </p>
      <StarRadioGroup name={`ripple-stars-${id}`} value={mine} disabled={status === 'signed-out'} onChange={onRate} t={t} />
      {status === 'offline' && (
        <span class="status offline" role="status" title={t('offlineDetail')}>
          {t('offline')}
        </span>
      )}
      {status === 'signed-out' && <span class="status" role="status">{t('signedOut')}</span>}
      {saving && <span class="status" role="status">{t('saving')}</span>}
      {notice && <span class="status notice" role="alert">{notice}</span>}
    </section>
  );
}
