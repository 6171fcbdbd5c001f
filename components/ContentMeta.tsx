import type { Translate } from './i18n';
import type { Author } from '../server/contract/content';

/** Author, date, edited mark and, for the author and moderators, why it is not shown to others. */
export function ContentMeta(props: { author: Author | null; createdAt: string; editedAt: string | null; state: string; t: Translate }) {
  const { author, createdAt, editedAt, state, t } = props;
  const date = new Date(createdAt);
  return (
    <p class="meta">
      <span class="author">{author?.name ?? t('formerColleague')}</span>
      {' · '}
      <time dateTime={createdAt}>{date.toLocaleDateString()}</time>
      {editedAt && <span class="muted"> · {t('edited')}</span>}
      {state !== 'visible' && <span class="state"> · {t(state === 'pending' ? 'statePending' : 'stateHidden')}</span>}
    </p>
  );
}
