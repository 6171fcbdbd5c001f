import { z } from 'zod';
import { RatingSummary, SetRatingInput, SummariesInput } from '../contract';
import { getSummaries, setRating } from '../services/ratings';
import { authedProcedure, router } from '../trpc';

export const ratingsRouter = router({
  /** Every item on a page in one call; answered from the aggregates. */
  summaries: authedProcedure
    .input(SummariesInput)
    .output(z.array(RatingSummary))
    .query(({ ctx, input }) => getSummaries(ctx.db, ctx.user.tenantId, ctx.user.userId, input.items)),

  /** Sets (or changes) the caller's stars for an item; returns the item's fresh summary. */
  set: authedProcedure
    .input(SetRatingInput)
    .output(RatingSummary)
    .mutation(({ ctx, input }) => setRating(ctx.db, ctx.user.tenantId, ctx.user.userId, input)),
});
