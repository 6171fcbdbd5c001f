import { useState } from 'preact/hooks';
import type { Post } from '../../server/contract/contributions';
import { POST_BODY_MAX_LENGTH, POST_TITLE_MAX_LENGTH } from '../../server/contract/limits';
import { failureText, usePanelApi } from './panel-api';
import { useDraft } from './use-draft';

export interface PostEditorProps {
  /** The post being edited; absent for a new one. */
  post?: Post;
  /** Items a new post is about (the page's item, or none from the feed). */
  items: string[];
  /** Where a new post's text is kept while it is written. */
  draftKey: string;
  onSaved: (post: Post) => void;
  onCancel?: () => void;
}

/**
 * Title and markdown body; "Save draft" keeps it on the server unpublished (only the author sees
 * it), "Publish" shows it to colleagues. What is typed in a new post is kept as a local draft.
 */
export function PostEditor({ post, items, draftKey, onSaved, onCancel }: PostEditorProps) {
  const { ask, t } = usePanelApi();
  const localBody = useDraft(draftKey);
  const localTitle = useDraft(`${draftKey}|title`);
  const [editedTitle, setEditedTitle] = useState(post?.title ?? '');
  const [editedBody, setEditedBody] = useState(post?.body ?? '');
  const title = post ? editedTitle : localTitle.text;
  const body = post ? editedBody : localBody.text;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const ready = title.trim() !== '' && body.trim() !== '';

  const save = async (status: 'draft' | 'published') => {
    setBusy(true);
    const answer = await ask('posts.save', { ...(post ? { id: post.id } : {}), title, body, items: post ? post.items : items, status });
    setBusy(false);
    if (!answer.ok) return setError(failureText(t, answer));
    setError(undefined);
    if (!post) (localBody.clear(), localTitle.clear());
    onSaved(answer.post);
  };

  return (
    <form
      class="text-form post-editor"
      aria-label={post ? t('editPost') : t('writePost')}
      onSubmit={(event) => {
        event.preventDefault();
        if (ready && !busy) void save('published');
      }}
    >
      <label>
        {t('postTitle')}
        <input
          type="text"
          data-ripple-field
          required
          maxLength={POST_TITLE_MAX_LENGTH}
          value={title}
          onInput={(event) => (post ? setEditedTitle(event.currentTarget.value) : localTitle.setText(event.currentTarget.value))}
        />
      </label>
      <label>
        {t('postBody')}
        <textarea
          rows={6}
          maxLength={POST_BODY_MAX_LENGTH}
          value={body}
          onInput={(event) => (post ? setEditedBody(event.currentTarget.value) : localBody.setText(event.currentTarget.value))}
        />
      </label>
      <div class="form-row">
        <span class="muted">{t('markdownHint')}</span>
        {onCancel && (
          <button type="button" class="link" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
        {post?.status !== 'published' && (
          <button type="button" class="secondary" disabled={busy || !ready} onClick={() => void save('draft')}>
            {t('saveDraft')}
          </button>
        )}
        <button type="submit" disabled={busy || !ready}>
          {post?.status === 'published' ? t('save') : t('publish')}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
