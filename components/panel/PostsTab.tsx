import { useState } from 'preact/hooks';
import { PostEditor } from './PostEditor';
import { PostList } from './PostList';
import { usePanelApi, type PanelItem } from './panel-api';

/** Posts colleagues wrote about the item, and "Write a post about this". */
export function PostsTab({ item, canModerate, onCountChange }: { item: PanelItem; canModerate: boolean; onCountChange: (delta: number) => void }) {
  const { ask, t } = usePanelApi();
  const [writing, setWriting] = useState(false);
  const [version, setVersion] = useState(0);
  return (
    <div class="tab-body">
      {writing ? (
        <PostEditor
          items={[item.key]}
          draftKey={`${item.key}|post`}
          onSaved={(post) => {
            setWriting(false);
            if (post.status === 'published') onCountChange(1);
            setVersion((v) => v + 1);
          }}
          onCancel={() => setWriting(false)}
        />
      ) : (
        <button type="button" onClick={() => setWriting(true)}>
          {t('writePostAbout')}
        </button>
      )}
      <PostList
        reloadKey={`${item.key}|${version}`}
        fetchPage={(cursor) => ask('posts.forItem', { item: item.key, ...(cursor ? { cursor } : {}) })}
        emptyText={t('noPosts')}
        canModerate={canModerate}
      />
    </div>
  );
}
