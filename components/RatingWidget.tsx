import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
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
  /** Comments on the item, shown next to the stars. */
  commentCount?: number;
  /** "3 resources · 1 post" from colleagues; a click opens the panel on them. */
  extrasLine?: string;
  onOpenExtras?: () => void;
  /** "12 colleagues in your team took this…", when the server shows such a figure. */
  colleaguesLine?: string;
  /** Whether the reviews-and-discussion panel is open; absent: the widget has no panel. */
  expanded?: boolean;
  onToggle?: () => void;
  onOpenSidePanel?: () => void;
  /** The panel, rendered under the bar when expanded. */
  children?: ComponentChildren;
  t: Translate;
}

/** Colleagues' average and count, and the learner's own stars to set or change. */
export function RatingWidget(props: RatingWidgetProps) {
  const { id, average, count, mine, status, notice, saving, onRate, commentCount, extrasLine, onOpenExtras, colleaguesLine, expanded, onToggle, onOpenSidePanel, children, t } = props;
  const hasRatings = average !== null && count > 0;
  const averageText = hasRatings ? average.toFixed(1) : '';
  const countText = t(count === 1 ? 'ratingCountOne' : 'ratingCountMany', String(count));
  const panelId = `ripple-panel-${id}`;
  const popover = useRef<HTMLDivElement>(null);
  // Opens towards the side with room: the widget may sit at either edge of the LMS header.
  const [alignLeft, setAlignLeft] = useState(false);
  useLayoutEffect(() => {
    const rect = popover.current?.getBoundingClientRect();
    if (rect && !alignLeft && rect.left < 0) setAlignLeft(true);
  }, [expanded]);
  return (
    <section class="ripple-rating" aria-label={t('widgetLabel')} aria-busy={status === 'loading' || saving === true}>
      <div class="bar">
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
      {notice && (
        <span class="status notice" role="alert">
          {notice}
        </span>
      )}
      {onToggle && (
        <button type="button" class="toggle" aria-expanded={!!expanded} aria-controls={expanded ? panelId : undefined} onClick={onToggle}>
          {t('openPanel', String(commentCount ?? 0))}
        </button>
      )}
      {extrasLine && onOpenExtras && (
        <button type="button" class="link extras" aria-controls={expanded ? panelId : undefined} onClick={onOpenExtras}>
          {extrasLine}
        </button>
      )}
      </div>
      {colleaguesLine && <p class="colleagues">{colleaguesLine}</p>}
      {expanded && (
        <div id={panelId} ref={popover} class={alignLeft ? 'popover left' : 'popover'}>
          {onOpenSidePanel && (
            <button type="button" class="link side-panel" onClick={onOpenSidePanel}>
              {t('openSidePanel')}
            </button>
          )}
          {children}
        </div>
      )}
    </section>
  );
}
