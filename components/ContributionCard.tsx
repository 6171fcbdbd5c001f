import type { Contribution } from '../server/contract/contributions';
import type { ReportReason } from '../server/contract/moderation';
import type { Translate } from './i18n';
import { Markdown } from './Markdown';
import { ContentMeta } from './ContentMeta';
import { ContentActions } from './ContentActions';
import { formatFileSize } from './file-size';
import { cleanUserText, safeHref } from './markdown';

export interface ContributionCardProps {
  contribution: Contribution;
  canModerate: boolean;
  reported: boolean;
  onHelpful: (helpful: boolean) => void;
  onReport: (reason: ReportReason) => void;
  onModerate: (action: 'hide' | 'restore' | 'delete') => void;
  onDownload: () => void;
  onDelete?: () => void;
  /** Shown under the file while it downloads, or why it could not. */
  downloadNote?: string;
  t: Translate;
}

/**
 * A link, a file or a tip a colleague added to an item. Links open in a new tab without the
 * referrer; a file is only ever downloaded (the server sends it as an attachment), never shown
 * inline; texts go through the same markdown renderer as comments (no HTML).
 */
export function ContributionCard({ contribution: c, onDownload, onDelete, downloadNote, t, ...actions }: ContributionCardProps) {
  const label = t(c.kind === 'link' ? 'resourceLink' : c.kind === 'file' ? 'resourceFile' : 'resourceTip');
  // The server accepts only http(s) links; checked again here, as for every link Ripple renders.
  const href = c.url ? safeHref(c.url) : null;
  const title = cleanUserText(c.title ?? c.url ?? '');
  return (
    <article class={`contribution kind-${c.kind}`} aria-label={t('resourceBy', [label, c.author?.name ?? t('formerColleague')])}>
      <ContentMeta author={c.author} createdAt={c.createdAt} editedAt={null} state={c.state} t={t} />
      {c.kind === 'link' && (
        <p class="resource-title" dir="auto">
          <span class="kind">{label}</span>{' '}
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow ugc">
              {title}
            </a>
          ) : (
            title
          )}{' '}
          {href && <span class="muted host">{new URL(href).hostname}</span>}
        </p>
      )}
      {c.kind === 'file' && c.file && (
        <p class="resource-title">
          <span class="kind">{label}</span>{' '}
          <button type="button" class="link" onClick={onDownload} aria-label={t('downloadFile', title)}>
            {title}
          </button>{' '}
          <span class="muted">
            {c.file.type.toUpperCase()} · {formatFileSize(c.file.size)}
          </span>
        </p>
      )}
      {downloadNote && <p class="muted" role="status">{downloadNote}</p>}
      {c.kind === 'tip' && <span class="kind">{label}</span>}
      {c.text && <Markdown source={c.text} />}
      <div class="comment-actions">
        <ContentActions helpfulCount={c.helpfulCount} votedByMe={c.votedByMe} isMine={c.isMine} state={c.state} t={t} {...actions} />
        {c.isMine && onDelete && (
          <button type="button" class="link" onClick={onDelete}>
            {t('delete')}
          </button>
        )}
      </div>
    </article>
  );
}

