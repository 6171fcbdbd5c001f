import { useState } from 'preact/hooks';
import type { Post, PostPage } from '../../server/contract/contributions';
import { PostCard } from '../PostCard';
import { PostEditor } from './PostEditor';
import { ShowMore } from './ShowMore';
import { failureText, usePanelApi, type Failure } from './panel-api';
import { useContentActions, type ContentChange } from './use-content-actions';
import { usePagedList } from './use-paged-list';
import { useItemUrls } from './use-item-urls';
import { ErrorAlert } from '../ErrorAlert';

export interface PostListProps {
  /** One page of posts after `cursor`. */
  fetchPage: (cursor?: string) => Promise<{ ok: true; page: PostPage } | Failure>;
  /** Changing it reloads the list (another view, or a post just written). */
  reloadKey: string;
  emptyText: string;
  canModerate: boolean;
  /** Say what each post is about (lists that are not an item's own). */
  showAbout?: boolean;
}

/** A paged list of posts: read, and for the author edit, publish a draft, delete. */
export function PostList({ fetchPage, reloadKey, emptyText, canModerate, showAbout }: PostListProps) {
  const { ask, t } = usePanelApi();
  const { items: posts, setItems: setPosts, error: loadError, more, reload } = usePagedList<Post>(async (cursor) => {
    const answer = await fetchPage(cursor);
    return answer.ok ? { ok: true, items: answer.page.posts, nextCursor: answer.page.nextCursor } : answer;
  }, [reloadKey]);
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<string | null>(null);
  const itemUrls = useItemUrls(showAbout ? (posts ?? []).flatMap((post) => post.items) : []);

  const update = (id: string, change: ContentChange | Post) =>
    setPosts((list) => list && (change === null ? list.filter((p) => p.id !== id) : list.map((p) => (p.id === id ? ({ ...p, ...change } as Post) : p))));
  const actions = useContentActions('post', update);

  const run = async (answer: Promise<{ ok: boolean } & object>, onOk: () => void) => {
    const result = await answer;
    if (result.ok) (setError(undefined), onOk());
    else setError(failureText(t, result as Failure));
  };

  return (
    <div class="post-list">
      {posts?.length === 0 && <p class="muted">{emptyText}</p>}
      {posts?.map((post) =>
        editing === post.id ? (
          <PostEditor key={post.id} post={post} items={post.items} draftKey={`post:${post.id}`} onSaved={(saved) => (setEditing(null), update(post.id, saved))} onCancel={() => setEditing(null)} />
        ) : (
          <PostCard
            key={post.id}
            post={post}
            showAbout={showAbout}
            itemUrls={itemUrls}
            canModerate={canModerate}
            reported={actions.reported.has(post.id)}
            onEdit={() => setEditing(post.id)}
            onPublish={() =>
              void run(ask('posts.save', { id: post.id, title: post.title, body: post.body, items: post.items, status: 'published' }), () => undefined).then(reload)
            }
            onDelete={() => void run(ask('posts.delete', { id: post.id }), () => update(post.id, null))}
            t={t}
            {...actions.for(post.id)}
          />
        ),
      )}
      <ErrorAlert message={error ?? loadError ?? actions.error} />
      {more && <ShowMore onMore={more} />}
    </div>
  );
}
