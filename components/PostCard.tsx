import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { Post } from '../server/contract/contributions';
import type { ReportReason } from '../server/contract/moderation';
import type { Translate } from './i18n';
import { Markdown } from './Markdown';
import { ContentMeta } from './ContentMeta';
import { ContentActions } from './ContentActions';
import { cleanUserText } from './markdown';

/** Longer posts open folded, so a feed stays a list of posts rather than one long page. */
const FOLD_AT = 600;

export interface PostCardProps {
  post: Post;
  canModerate: boolean;
  reported: boolean;
  onReport: (reason: ReportReason) => void;
  onModerate: (action: 'hide' | 'restore' | 'delete') => void;
  onEdit?: () => void;
  onPublish?: () => void;
  onDelete?: () => void;
  /** Say what the post is about (in the feed; not on the item's own page). */
  showAbout?: boolean;
  /** Where the learner opened the items it is about, to link them. */
  itemUrls?: Record<string, string>;
  t: Translate;
}

export function PostCard({ post, onEdit, onPublish, onDelete, showAbout, itemUrls = {}, t, ...actions }: PostCardProps) {
  const [open, setOpen] = useState(post.body.length <= FOLD_AT);
  const headingId = `ripple-post-${post.id}`;
  // Items whose title no learner's page has told yet are left out rather than named vaguely.
  const about = post.about.flatMap((entry) => (entry.title ? [{ title: cleanUserText(entry.title), url: itemUrls[entry.item] }] : []));
  return (
    <article class="post" aria-labelledby={headingId}>
      <h4 id={headingId} dir="auto">
        {cleanUserText(post.title)}
        {post.status === 'draft' && <span class="badge"> {t('postDraft')}</span>}
      </h4>
      <ContentMeta author={post.author} createdAt={post.publishedAt ?? post.createdAt} editedAt={null} state={post.state} t={t} />
      {showAbout && about.length > 0 && (
        <p class="about muted" dir="auto">
          {t('postAboutLabel')}{' '}
          {about.map((entry, index) => (
            <Fragment key={entry.title + index}>
              {index > 0 && ', '}
              {entry.url ? (
                <a href={entry.url} target="_blank" rel="noopener">
                  {entry.title}
                </a>
              ) : (
                entry.title
              )}
            </Fragment>
          ))}
        </p>
      )}
      <Markdown source={open ? post.body : `${post.body.slice(0, FOLD_AT)}…`} />
      {!open && (
        <button type="button" class="link" aria-expanded="false" onClick={() => setOpen(true)}>
          {t('readMore')}
        </button>
      )}
      <div class="comment-actions">
        <ContentActions isMine={post.isMine} state={post.state} t={t} {...actions} />
        {post.isMine && onEdit && (
          <button type="button" class="link" onClick={onEdit}>
            {t('edit')}
          </button>
        )}
        {post.isMine && post.status === 'draft' && onPublish && (
          <button type="button" class="link" onClick={onPublish}>
            {t('publish')}
          </button>
        )}
        {post.isMine && onDelete && (
          <button type="button" class="link" onClick={onDelete}>
            {t('delete')}
          </button>
        )}
      </div>
    </article>
  );
}
