import { useState } from 'preact/hooks';
import type { Translate } from './i18n';
import type { ReportReason } from '../server/contract/moderation';

const REASONS: readonly ReportReason[] = ['spam', 'abuse', 'off-topic', 'other'];

export interface ContentActionsProps {
  /** Absent for what cannot be voted on (posts). */
  helpfulCount?: number;
  votedByMe?: boolean;
  isMine: boolean;
  canModerate: boolean;
  state: 'visible' | 'pending' | 'hidden';
  reported: boolean;
  /** With `helpfulCount`: what can be voted on. */
  onHelpful?: (helpful: boolean) => void;
  onReport: (reason: ReportReason) => void;
  onModerate: (action: 'hide' | 'restore' | 'delete') => void;
  t: Translate;
}

/** Helpful, report, and for moderators hide/restore/delete: the same row under every review and comment. */
export function ContentActions(props: ContentActionsProps) {
  const { helpfulCount, votedByMe, isMine, canModerate, state, reported, onHelpful, onReport, onModerate, t } = props;
  const [reporting, setReporting] = useState(false);
  return (
    <div class="actions">
      {helpfulCount !== undefined && onHelpful && (
        <button type="button" class="link" aria-pressed={!!votedByMe} disabled={isMine} onClick={() => onHelpful(!votedByMe)}>
          {t('helpful')} ({helpfulCount})
        </button>
      )}
      {!isMine &&
        (reported ? (
          <span class="muted">{t('reported')}</span>
        ) : reporting ? (
          <span role="group" aria-label={t('reportWhy')}>
            {REASONS.map((reason) => (
              <button
                key={reason}
                type="button"
                class="link"
                onClick={() => {
                  setReporting(false);
                  onReport(reason);
                }}
              >
                {t(`reason_${reason.replace('-', '')}`)}
              </button>
            ))}
            <button type="button" class="link" onClick={() => setReporting(false)}>
              {t('cancel')}
            </button>
          </span>
        ) : (
          <button type="button" class="link" onClick={() => setReporting(true)}>
            {t('report')}
          </button>
        ))}
      {canModerate && (
        <span role="group" aria-label={t('moderate')}>
          {state === 'visible' ? (
            <button type="button" class="link" onClick={() => onModerate('hide')}>
              {t('hide')}
            </button>
          ) : (
            <button type="button" class="link" onClick={() => onModerate('restore')}>
              {t('restore')}
            </button>
          )}
          <button type="button" class="link danger" onClick={() => onModerate('delete')}>
            {t('delete')}
          </button>
        </span>
      )}
    </div>
  );
}
