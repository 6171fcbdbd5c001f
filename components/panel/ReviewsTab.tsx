import { useEffect, useState } from 'preact/hooks';
import type { Review, ReviewSort } from '../../server/contract/reviews';
import type { ItemSummary } from '../../server/contract/items';
import { ReviewCard } from '../ReviewCard';
import { TextForm } from '../TextForm';
import { StarRadioGroup } from '../StarRadioGroup';
import { REVIEW_TEXT_MAX_LENGTH } from '../../server/contract/limits';
import { ShowMore } from './ShowMore';
import { failureText, usePanelApi, type PanelItem } from './panel-api';
import { useDraft } from './use-draft';
import { useContentActions } from './use-content-actions';
import { ErrorAlert } from '../ErrorAlert';

export interface ReviewsTabProps {
  item: PanelItem;
  mine: number | null;
  completed: boolean;
  canModerate: boolean;
  onSummary: (summary: ItemSummary) => void;
}

/** Write a review, and read colleagues' reviews sorted the way the learner chooses. */
export function ReviewsTab({ item, mine, completed, canModerate, onSummary }: ReviewsTabProps) {
  const { ask, t } = usePanelApi();
  const [sort, setSort] = useState<ReviewSort>('helpful');
  const [reviews, setReviews] = useState<Review[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [stars, setStars] = useState<number | null>(mine);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const draft = useDraft(`${item.key}|review`);
  const actions = useContentActions('review', (id, change) =>
    setReviews((list) => list && list.flatMap((review) => (review.id !== id ? [review] : change === null ? [] : [{ ...review, ...change }]))),
  );

  const load = async (next: string | null) => {
    const answer = await ask('reviews.list', { item: item.key, sort, ...(next ? { cursor: next } : {}) });
    if (!answer.ok) return setLoadError(failureText(t, answer));
    setLoadError(undefined);
    setReviews((list) => [...(next && list ? list : []), ...answer.page.reviews]);
    setCursor(answer.page.nextCursor);
  };
  useEffect(() => {
    setReviews(null);
    void load(null);
  }, [item.key, sort]);

  const submit = async () => {
    if (stars === null) return setFormError(t('chooseStars'));
    setBusy(true);
    const answer = await ask('reviews.upsert', { item: item.key, stars, text: draft.text, completed, itemTitle: item.title || undefined });
    setBusy(false);
    if (!answer.ok && answer.reason === 'queued') draft.clear();
    if (!answer.ok) return setFormError(failureText(t, answer));
    setFormError(undefined);
    draft.clear();
    onSummary(answer.summary);
    setReviews((list) => [answer.review, ...(list ?? []).filter((review) => review.id !== answer.review.id)]);
  };

  return (
    <div class="tab-body">
      <TextForm label={t('yourReview')} text={draft.text} maxLength={REVIEW_TEXT_MAX_LENGTH} busy={busy} error={formError} submitLabel={t('publishReview')} onText={draft.setText} onSubmit={submit} t={t}>
        <StarRadioGroup name={`ripple-review-stars-${item.key}`} value={stars} onChange={setStars} t={t} />
      </TextForm>
      <label class="sort">
        {t('sortBy')}{' '}
        <select value={sort} onChange={(event) => setSort(event.currentTarget.value as ReviewSort)}>
          <option value="helpful">{t('sortHelpful')}</option>
          <option value="newest">{t('sortNewest')}</option>
          <option value="critical">{t('sortCritical')}</option>
        </select>
      </label>
      <ErrorAlert message={loadError} />
      {reviews?.length === 0 && <p class="muted">{t('noReviews')}</p>}
      {reviews?.map((review) => (
        <ReviewCard key={review.id} review={review} canModerate={canModerate} reported={actions.reported.has(review.id)} t={t} {...actions.for(review.id)} />
      ))}
      <ErrorAlert message={actions.error} />
      {cursor && <ShowMore onMore={() => load(cursor)} />}
    </div>
  );
}
