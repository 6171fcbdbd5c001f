import type { QueueEntry } from '../../server/contract/moderation';
import { Markdown } from '../Markdown';
import { ContentMeta } from '../ContentMeta';
import { cleanUserText, safeHref } from '../markdown';
import { ShowMore } from './ShowMore';
import { failureText, usePanelApi } from './panel-api';
import { usePagedList } from './use-paged-list';
import { useItemUrls } from './use-item-urls';
import { useState } from 'preact/hooks';
import { ErrorAlert } from '../ErrorAlert';

const KIND_LABELS: Record<QueueEntry['kind'], string> = {
  review: 'kindReview',
  comment: 'kindComment',
  contribution: 'kindResource',
  post: 'kindPost',
};

/**
 * For moderators: everything reported in the company, most recently reported first, with the
 * reasons and notes, to restore, hide or delete without hunting for the page it is on. What an
 * entry quotes is learner content: rendered as text and the markdown subset, as everywhere.
 */
export function ModerationView() {
  const { ask, t } = usePanelApi();
  const { items: entries, setItems: setEntries, error: loadError, more } = usePagedList<QueueEntry>(async (cursor) => {
    const answer = await ask('moderation.queue', cursor ? { cursor } : {});
    return answer.ok ? { ok: true, items: answer.page.entries, nextCursor: answer.page.nextCursor } : answer;
  }, []);
  const [error, setError] = useState<string>();
  const urls = useItemUrls(entries?.flatMap((entry) => (entry.item ? [entry.item] : [])) ?? []);

  const act = async (entry: QueueEntry, action: 'hide' | 'restore' | 'delete') => {
    const answer = await ask('content.moderate', { kind: entry.kind, id: entry.id, action });
    if (!answer.ok) return setError(failureText(t, answer));
    setError(undefined);
    // Handled: restored or deleted content leaves the queue; hidden stays, marked hidden.
    setEntries((list) =>
      list &&
      (action === 'hide' ? list.map((e) => (e.id === entry.id ? { ...e, state: answer.result.state } : e)) : list.filter((e) => e.id !== entry.id)),
    );
  };

  return (
    <section class="view" aria-labelledby="ripple-moderation-title">
      <h2 id="ripple-moderation-title">{t('moderationTitle')}</h2>
      <ErrorAlert message={error ?? loadError} />
      {entries?.length === 0 && <p class="muted">{t('moderationEmpty')}</p>}
      {entries?.map((entry) => {
        const reasons = (Object.entries(entry.reasons) as [string, number][]).filter(([, count]) => count > 0);
        const itemUrl = entry.item ? urls[entry.item] : undefined;
        const link = entry.url ? safeHref(entry.url) : null;
        return (
          <article key={entry.id} class="queue-entry" aria-label={t('moderationEntry', [t(KIND_LABELS[entry.kind]), entry.author.name])}>
            <p class="meta">
              <span class="kind">{t(KIND_LABELS[entry.kind])}</span>{' '}
              {t('moderationReports', String(entry.openReports))}:{' '}
              {reasons.map(([reason, count]) => `${t(`reason_${reason.replace('-', '')}`)} ${count}`).join(', ')}
              {itemUrl && (
                <>
                  {' · '}
                  <a href={itemUrl} target="_blank" rel="noopener">
                    {t('moderationOpenItem')}
                  </a>
                </>
              )}
            </p>
            <ContentMeta author={entry.author} createdAt={entry.createdAt} editedAt={null} state={entry.state} t={t} />
            {entry.title && (
              <p class="resource-title" dir="auto">
                {entry.stars !== null && `${'★'.repeat(entry.stars)} `}
                <strong>{cleanUserText(entry.title)}</strong>
                {link && <span class="muted host"> {new URL(link).hostname}</span>}
              </p>
            )}
            {entry.body && <Markdown source={entry.body} />}
            {entry.notes.length > 0 && (
              <ul class="notes">
                {entry.notes.map((note, index) => (
                  <li key={index} dir="auto">
                    {cleanUserText(note)}
                  </li>
                ))}
              </ul>
            )}
            <div class="actions" role="group" aria-label={t('moderate')}>
              {entry.state === 'visible' ? (
                <button type="button" class="link" onClick={() => void act(entry, 'hide')}>
                  {t('hide')}
                </button>
              ) : (
                <button type="button" class="link" onClick={() => void act(entry, 'restore')}>
                  {t('restore')}
                </button>
              )}
              <button type="button" class="link danger" onClick={() => void act(entry, 'delete')}>
                {t('delete')}
              </button>
            </div>
          </article>
        );
      })}
      {more && <ShowMore onMore={more} />}
    </section>
  );
}
