import { z } from 'zod';
import {
  AlsoTookEntry,
  AlsoTookInput,
  ItemPopularity,
  PopularityForItemsInput,
  RecordSignalsInput,
  RecordSignalsResult,
  ShelfEntry,
  ShelfInput,
} from '../contract';
import { alsoTook, popularityForItems, popularityShelf } from '../services/popularity';
import { recordSignals } from '../services/signals';
import { authedProcedure, router } from '../trpc';

// Every figure about people here follows the privacy rules in services/popularity.ts: distinct
// people, whole days, withheld (null) below the tenant's minimum group size or when differencing
// two figures would reveal a smaller group. Team and unit are the caller's own, never input.

export const signalsRouter = router({
  /** A batch of the learner's views and completions; once per clientId; dropped when the tenant is off. */
  record: authedProcedure
    .input(RecordSignalsInput)
    .output(RecordSignalsResult)
    .mutation(({ ctx, input }) => recordSignals(ctx.db, ctx.user, input)),
});

export const popularityRouter = router({
  /** Every item on a page in one call: colleagues in my team, unit and company; trending; score. */
  forItems: authedProcedure
    .input(PopularityForItemsInput)
    .output(z.array(ItemPopularity))
    .query(({ ctx, input }) => popularityForItems(ctx.db, ctx.user, input.items)),

  /** "Trending with my team / unit / company": top items whose figure for that group is shown. */
  shelf: authedProcedure
    .input(ShelfInput)
    .output(z.array(ShelfEntry))
    .query(({ ctx, input }) => popularityShelf(ctx.db, ctx.user, input)),

  /** "Colleagues who took this also took", each only when enough colleagues did. */
  alsoTook: authedProcedure
    .input(AlsoTookInput)
    .output(z.array(AlsoTookEntry))
    .query(({ ctx, input }) => alsoTook(ctx.db, ctx.user, input)),
});
