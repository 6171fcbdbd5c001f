import { useEffect, useState } from 'preact/hooks';
import type { FeedScope } from '../../entrypoints/background/protocol';
import { PostEditor } from './PostEditor';
import { PostList } from './PostList';
import { usePanelApi } from './panel-api';

const SCOPES: readonly FeedScope[] = ['team', 'company'];

/** Posts from the learner's team or the whole company, and a post about nothing in particular. */
export function FeedView({ canModerate }: { canModerate: boolean }) {
  const { ask, t } = usePanelApi();
  const [scope, setScope] = useState<FeedScope>('company');
  const [writing, setWriting] = useState(false);
  const [version, setVersion] = useState(0);
  const [choices, setChoices] = useState<{ item: string; title: string }[]>([]);
  useEffect(() => {
    // What the new post may be about: the items the learner opened lately (kept by the extension).
    if (writing) void ask('items.recent', {}).then((answer) => setChoices('items' in answer ? answer.items : []));
  }, [writing]);
  return (
    <section class="view" aria-labelledby="ripple-feed-title">
      <h2 id="ripple-feed-title">{t('feedTitle')}</h2>
      <div class="form-row">
        <label class="sort">
          {t('feedScope')}{' '}
          <select value={scope} onChange={(event) => setScope(event.currentTarget.value as FeedScope)}>
            {SCOPES.map((option) => (
              <option key={option} value={option}>
                {t(option === 'team' ? 'feedTeam' : 'feedCompany')}
              </option>
            ))}
          </select>
        </label>
        {!writing && (
          <button type="button" onClick={() => setWriting(true)}>
            {t('writePost')}
          </button>
        )}
      </div>
      {writing && (
        <PostEditor
          items={[]}
          choices={choices}
          draftKey="feed|post"
          onSaved={() => (setWriting(false), setVersion((v) => v + 1))}
          onCancel={() => setWriting(false)}
        />
      )}
      <PostList
        reloadKey={`${scope}|${version}`}
        fetchPage={(cursor) => ask('posts.feed', { scope, ...(cursor ? { cursor } : {}) })}
        emptyText={t('noFeedPosts')}
        canModerate={canModerate}
        showAbout
      />
    </section>
  );
}
