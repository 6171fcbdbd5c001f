import { z } from 'zod';
import { ItemSummariesInput, ItemSummary } from '../contract';
import { getItemSummaries } from '../services/items';
import { authedProcedure, router } from '../trpc';

export const itemsRouter = router({
  /**
   * Every item on a page in one call: ratings (average, count, histogram, score, mine) and the
   * counts of reviews and comments, all from write-time aggregates.
   */
  summaries: authedProcedure
    .input(ItemSummariesInput)
    .output(z.array(ItemSummary))
    .query(({ ctx, input }) => getItemSummaries(ctx.db, ctx.user.tenantId, ctx.user.userId, input.items)),
});
