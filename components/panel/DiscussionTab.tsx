import { useEffect, useState } from 'preact/hooks';
import type { Comment, CommentSort, CommentThread } from '../../server/contract/comments';
import { CommentCard } from '../CommentCard';
import { TextForm } from '../TextForm';
import { COMMENT_BODY_MAX_LENGTH } from '../../server/contract/limits';
import { ShowMore } from './ShowMore';
import { failureText, usePanelApi, type PanelItem } from './panel-api';
import { useDraft } from './use-draft';
import { useContentActions, type ContentChange } from './use-content-actions';
import { ErrorAlert } from '../ErrorAlert';

export interface DiscussionTabProps {
  item: PanelItem;
  canModerate: boolean;
  onCountChange: (delta: number) => void;
}

/** Threaded comments: start a thread, reply, edit or delete your own, vote, report. */
export function DiscussionTab({ item, canModerate, onCountChange }: DiscussionTabProps) {
  const { ask, t } = usePanelApi();
  const [sort, setSort] = useState<CommentSort>('top');
  const [threads, setThreads] = useState<CommentThread[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const update = (id: string, change: ContentChange) =>
    setThreads((list) =>
      list &&
      list.map((thread) => ({
        ...(thread.id === id ? { ...thread, ...change } : thread),
        replies: thread.replies.map((reply) => (reply.id === id ? { ...reply, ...change } : reply)),
      })),
    );
  const actions = useContentActions('comment', update);

  const load = async (next: string | null) => {
    const answer = await ask('comments.list', { item: item.key, sort, ...(next ? { cursor: next } : {}) });
    if (!answer.ok) return setLoadError(failureText(t, answer));
    setLoadError(undefined);
    setThreads((list) => [...(next && list ? list : []), ...answer.page.comments]);
    setCursor(answer.page.nextCursor);
  };
  useEffect(() => {
    setThreads(null);
    void load(null);
  }, [item.key, sort]);

  const added = (comment: Comment) => {
    onCountChange(1);
    setThreads((list) => {
      if (!comment.parentId) return [{ ...comment, replies: [], hasMoreReplies: false }, ...(list ?? [])];
      return (list ?? []).map((thread) => (thread.id === comment.parentId ? { ...thread, replies: [...thread.replies, comment] } : thread));
    });
  };
  const replaced = (comment: Comment) => update(comment.id, comment as ContentChange);

  const card = (comment: Comment, children?: preact.ComponentChildren) =>
    editing === comment.id ? (
      <CommentEditor key={comment.id} comment={comment} onDone={(changed) => (setEditing(null), changed && replaced(changed))} />
    ) : (
      <CommentCard
        key={comment.id}
        comment={comment}
        canModerate={canModerate}
        reported={actions.reported.has(comment.id)}
        onReply={comment.parentId ? undefined : () => setReplyTo(comment.id)}
        onEdit={() => setEditing(comment.id)}
        onDelete={async () => {
          const answer = await ask('comments.delete', { id: comment.id });
          if (answer.ok) (replaced(answer.comment), onCountChange(-1));
        }}
        t={t}
        {...actions.for(comment.id)}
      >
        {children}
      </CommentCard>
    );

  return (
    <div class="tab-body">
      <NewComment item={item} parentId={null} onAdded={added} />
      <label class="sort">
        {t('sortBy')}{' '}
        <select value={sort} onChange={(event) => setSort(event.currentTarget.value as CommentSort)}>
          <option value="top">{t('sortTop')}</option>
          <option value="newest">{t('sortNewest')}</option>
        </select>
      </label>
      <ErrorAlert message={loadError} />
      {threads?.length === 0 && <p class="muted">{t('noComments')}</p>}
      {threads?.map((thread) =>
        card(
          thread,
          <div class="replies">
            {thread.replies.map((reply) => card(reply))}
            {replyTo === thread.id && <NewComment item={item} parentId={thread.id} onAdded={(c) => (added(c), setReplyTo(null))} onCancel={() => setReplyTo(null)} />}
          </div>,
        ),
      )}
      <ErrorAlert message={actions.error} />
      {cursor && <ShowMore onMore={() => load(cursor)} />}
    </div>
  );
}

function NewComment({ item, parentId, onAdded, onCancel }: { item: PanelItem; parentId: string | null; onAdded: (comment: Comment) => void; onCancel?: () => void }) {
  const { ask, t } = usePanelApi();
  const draft = useDraft(`${item.key}|${parentId ? `reply:${parentId}` : 'comment'}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <TextForm
      label={parentId ? t('yourReply') : t('yourComment')}
      text={draft.text}
      maxLength={COMMENT_BODY_MAX_LENGTH}
      busy={busy}
      error={error}
      submitLabel={parentId ? t('postReply') : t('postComment')}
      onText={draft.setText}
      onCancel={onCancel}
      onSubmit={async () => {
        setBusy(true);
        const answer = await ask('comments.create', { item: item.key, body: draft.text, itemTitle: item.title || undefined, ...(parentId ? { parentId } : {}) });
        setBusy(false);
        // Queued: safe in the outbox, so the draft can go; the message says it will be posted.
        if (!answer.ok && answer.reason === 'queued') draft.clear();
        if (!answer.ok) return setError(failureText(t, answer));
        setError(undefined);
        draft.clear();
        onAdded(answer.comment);
      }}
      t={t}
    />
  );
}

function CommentEditor({ comment, onDone }: { comment: Comment; onDone: (changed: Comment | null) => void }) {
  const { ask, t } = usePanelApi();
  const [text, setText] = useState(comment.body ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <TextForm
      label={t('editComment')}
      text={text}
      maxLength={COMMENT_BODY_MAX_LENGTH}
      busy={busy}
      error={error}
      submitLabel={t('save')}
      onText={setText}
      onCancel={() => onDone(null)}
      onSubmit={async () => {
        setBusy(true);
        const answer = await ask('comments.edit', { id: comment.id, body: text });
        setBusy(false);
        if (!answer.ok) return setError(failureText(t, answer));
        onDone(answer.comment);
      }}
      t={t}
    />
  );
}
