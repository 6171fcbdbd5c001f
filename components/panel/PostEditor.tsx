import { useState } from 'preact/hooks';
import type { Post } from '../../server/contract/contributions';
import { POST_BODY_MAX_LENGTH, POST_ITEMS_MAX, POST_TITLE_MAX_LENGTH } from '../../server/contract/limits';
import { failureText, usePanelApi } from './panel-api';
import { useDraft } from './use-draft';
import { ErrorAlert } from '../ErrorAlert';

export interface PostEditorProps {
  /** The post being edited; absent for a new one. */
  post?: Post;
  /** Items a new post is about (the page's item, or none from the feed). */
  items: string[];
  /** Items the learner may tick for a new post to be about too (those they opened lately). */
  choices?: { item: string; title: string }[];
  /** Where a new post's text is kept while it is written. */
  draftKey: string;
  onSaved: (post: Post) => void;
  onCancel?: () => void;
}

/**
 * Title and markdown body; "Save draft" keeps it on the server unpublished (only the author sees
 * it), "Publish" shows it to colleagues. What is typed in a new post is kept as a local draft.
 */
export function PostEditor({ post, items, choices, draftKey, onSaved, onCancel }: PostEditorProps) {
  const { ask, t } = usePanelApi();
  const localBody = useDraft(draftKey);
  const localTitle = useDraft(`${draftKey}|title`);
  const [editedTitle, setEditedTitle] = useState(post?.title ?? '');
  const [editedBody, setEditedBody] = useState(post?.body ?? '');
  const title = post ? editedTitle : localTitle.text;
  const body = post ? editedBody : localBody.text;
  const [about, setAbout] = useState<readonly string[]>(items);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const ready = title.trim() !== '' && body.trim() !== '';
  const toggleAbout = (item: string, on: boolean) => setAbout((list) => (on ? [...list, item].slice(0, POST_ITEMS_MAX) : list.filter((chosen) => chosen !== item)));

  const save = async (status: 'draft' | 'published') => {
    setBusy(true);
    const answer = await ask('posts.save', { ...(post ? { id: post.id } : {}), title, body, items: post ? post.items : [...about], status });
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
      {!post && choices && choices.length > 0 && (
        <fieldset class="kinds about-choices">
          <legend>{t('postAboutChoices')}</legend>
          {choices.map((choice) => (
            <label key={choice.item}>
              <input type="checkbox" checked={about.includes(choice.item)} onChange={(event) => toggleAbout(choice.item, event.currentTarget.checked)} />
              {choice.title}
            </label>
          ))}
        </fieldset>
      )}
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
      <ErrorAlert message={error} />
    </form>
  );
}
