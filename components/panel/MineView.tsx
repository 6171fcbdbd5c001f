import { useState } from 'preact/hooks';
import type { Contribution } from '../../server/contract/contributions';
import { ContributionCard } from '../ContributionCard';
import { PostList } from './PostList';
import { ShowMore } from './ShowMore';
import { failureText, usePanelApi } from './panel-api';
import { useDownloads } from './use-downloads';
import { usePagedList } from './use-paged-list';
import { ErrorAlert } from '../ErrorAlert';

/** What the learner wrote: posts (drafts included) and the resources they added, with their state. */
export function MineView() {
  const { ask, t } = usePanelApi();
  const { items: contributions, setItems: setContributions, error: loadError, more } = usePagedList<Contribution>(async (cursor) => {
    const answer = await ask('contributions.mine', cursor ? { cursor } : {});
    return answer.ok ? { ok: true, items: answer.page.contributions, nextCursor: answer.page.nextCursor } : answer;
  }, []);
  const [error, setError] = useState<string>();
  const downloads = useDownloads();

  return (
    <section class="view" aria-labelledby="ripple-mine-title">
      <h2 id="ripple-mine-title">{t('mineTitle')}</h2>
      <h3>{t('minePosts')}</h3>
      <PostList reloadKey="mine" fetchPage={(next) => ask('posts.feed', { scope: 'mine', ...(next ? { cursor: next } : {}) })} emptyText={t('noMyPosts')} canModerate={false} showAbout />
      <h3>{t('mineResources')}</h3>
      <ErrorAlert message={error ?? loadError} />
      {contributions?.length === 0 && <p class="muted">{t('noMyResources')}</p>}
      {contributions?.map((contribution) => (
        <ContributionCard
          key={contribution.id}
          contribution={contribution}
          canModerate={false}
          reported={false}
          onHelpful={() => {}}
          onReport={() => {}}
          onModerate={() => {}}
          downloadNote={downloads.noteOf(contribution.id)}
          onDownload={() => void downloads.download(contribution)}
          onDelete={async () => {
            const answer = await ask('contributions.delete', { id: contribution.id });
            if (answer.ok) setContributions((list) => list && list.filter((c) => c.id !== contribution.id));
            else setError(failureText(t, answer));
          }}
          t={t}
        />
      ))}
      {more && <ShowMore onMore={more} />}
    </section>
  );
}
