import type { Comment } from '../server/contract/comments';
import type { ReportReason } from '../server/contract/moderation';
import type { ComponentChildren } from 'preact';
import type { Translate } from './i18n';
import { Markdown } from './Markdown';
import { ContentMeta } from './ContentMeta';
import { ContentActions } from './ContentActions';

export interface CommentCardProps {
  comment: Comment;
  canModerate: boolean;
  reported: boolean;
  onHelpful: (helpful: boolean) => void;
  onReport: (reason: ReportReason) => void;
  onModerate: (action: 'hide' | 'restore' | 'delete') => void;
  onReply?: () => void;
  onEdit?: () => void;
  onDelete?: () => void;
  /** Replies and reply form, under the comment. */
  children?: ComponentChildren;
  t: Translate;
}

export function CommentCard({ comment, onReply, onEdit, onDelete, children, t, ...actions }: CommentCardProps) {
  return (
    <article class={comment.parentId ? 'comment reply' : 'comment'} aria-label={t('commentBy', comment.author?.name ?? t('formerColleague'))}>
      <ContentMeta author={comment.author} createdAt={comment.createdAt} editedAt={comment.editedAt} state={comment.state} t={t} />
      {comment.deleted || comment.body === null ? <p class="muted">{t('commentDeleted')}</p> : <Markdown source={comment.body} />}
      {!comment.deleted && (
        <div class="comment-actions">
          <ContentActions helpfulCount={comment.helpfulCount} votedByMe={comment.votedByMe} isMine={comment.isMine} state={comment.state} t={t} {...actions} />
          {onReply && (
            <button type="button" class="link" onClick={onReply}>
              {t('reply')}
            </button>
          )}
          {comment.isMine && onEdit && (
            <button type="button" class="link" onClick={onEdit}>
              {t('edit')}
            </button>
          )}
          {comment.isMine && onDelete && (
            <button type="button" class="link" onClick={onDelete}>
              {t('delete')}
            </button>
          )}
        </div>
      )}
      {children}
    </article>
  );
}
