import {
  DeleteReviewInput,
  DeleteReviewResult,
  HelpfulVoteResult,
  ListReviewsInput,
  ReviewPage,
  UpsertReviewInput,
  UpsertReviewResult,
  VoteInput,
} from '../contract';
import { deleteOwnReview, listReviews, upsertReview, voteReview } from '../services/reviews';
import { authedProcedure, router } from '../trpc';

export const reviewsRouter = router({
  /** One page of an item's written reviews; star-only ratings never appear here. */
  list: authedProcedure
    .input(ListReviewsInput)
    .output(ReviewPage)
    .query(({ ctx, input }) => listReviews(ctx.db, ctx.user, input)),

  /** Writes or replaces the caller's rating and review of an item. */
  upsert: authedProcedure
    .input(UpsertReviewInput)
    .output(UpsertReviewResult)
    .mutation(({ ctx, input }) => upsertReview(ctx.db, ctx.user, ctx.rateLimits, input)),

  /** Removes the caller's review text; their stars stay as a star-only rating. */
  delete: authedProcedure
    .input(DeleteReviewInput)
    .output(DeleteReviewResult)
    .mutation(({ ctx, input }) => deleteOwnReview(ctx.db, ctx.user, ctx.rateLimits, input)),

  /** Marks a review helpful, or takes the vote back; never one's own. */
  vote: authedProcedure
    .input(VoteInput)
    .output(HelpfulVoteResult)
    .mutation(({ ctx, input }) => voteReview(ctx.db, ctx.user, ctx.rateLimits, input)),
});
