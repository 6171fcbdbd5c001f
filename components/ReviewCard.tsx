import type { Review } from '../server/contract/reviews';
import type { ReportReason } from '../server/contract/moderation';
import type { Translate } from './i18n';
import { Markdown } from './Markdown';
import { ContentMeta } from './ContentMeta';
import { ContentActions } from './ContentActions';

export interface ReviewCardProps {
  review: Review;
  canModerate: boolean;
  reported: boolean;
  onHelpful: (helpful: boolean) => void;
  onReport: (reason: ReportReason) => void;
  onModerate: (action: 'hide' | 'restore' | 'delete') => void;
  t: Translate;
}

export function ReviewCard({ review, t, ...actions }: ReviewCardProps) {
  const starsLabel = t(review.stars === 1 ? 'starOne' : 'starMany', String(review.stars));
  return (
    <article class="review" aria-label={t('reviewBy', review.author.name)}>
      <p class="review-head">
        <span class="stars-static" role="img" aria-label={starsLabel}>
          {'★'.repeat(review.stars)}
          <span class="dim">{'★'.repeat(5 - review.stars)}</span>
        </span>
        {review.title && <strong class="review-title"> {review.title}</strong>}
        {review.completed && <span class="badge-completed"> {t('completedBadge')}</span>}
      </p>
      <ContentMeta author={review.author} createdAt={review.createdAt} editedAt={review.editedAt} state={review.state} t={t} />
      <Markdown source={review.text} />
      <ContentActions
        helpfulCount={review.helpfulCount}
        votedByMe={review.votedByMe}
        isMine={review.isMine}
        state={review.state}
        t={t}
        {...actions}
      />
    </article>
  );
}
