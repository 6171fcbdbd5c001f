import { z } from 'zod';
import { ItemKeySchema as ItemKey } from './item-key-schema';
import { ClientWriteId, ItemTitle, MAX_ITEMS_PER_REQUEST } from './ratings';

/** Most events in one `signals.record` batch; the extension's outbox sends more in several. */
export const MAX_SIGNALS_PER_BATCH = 200;
/** How far back a signal's `at` may go (an outbox offline for a while); older events are dropped. */
export const SIGNAL_MAX_AGE_DAYS = 7;

/** What the extension saw a learner do. Ratings count too, recorded by the server itself. */
export const SignalKind = z.enum(['view', 'complete']);
export type SignalKind = z.infer<typeof SignalKind>;

export const SignalEvent = z.object({
  item: ItemKey,
  kind: SignalKind,
  /** When it happened; default now. A future time counts as now; older than 7 days is dropped. */
  at: z.iso.datetime({ offset: true }).optional(),
  /** The item's title as the LMS shows it, so shelves can name the item. */
  itemTitle: ItemTitle.optional(),
});
export type SignalEvent = z.infer<typeof SignalEvent>;

export const RecordSignalsInput = z.object({
  events: z.array(SignalEvent).min(1).max(MAX_SIGNALS_PER_BATCH),
  clientId: ClientWriteId,
});
export type RecordSignalsInput = z.infer<typeof RecordSignalsInput>;

export const RecordSignalsResult = z.object({
  /** Events taken into account (repeats of the same learner, item, day and kind count once). */
  accepted: z.number().int().min(0),
  /** The tenant has switched signals off: the batch was dropped. Stop sending until next sign-in. */
  disabled: z.boolean(),
});
export type RecordSignalsResult = z.infer<typeof RecordSignalsResult>;

/**
 * Distinct colleagues in a group over the last 30 whole days, or null when the figure would
 * describe fewer people than the tenant's minimum group size (or could be derived from another
 * figure as such). Never show a number for null: show nothing, or "fewer than N".
 */
export const PeopleCount = z.number().int().min(0).nullable();

export const GroupFigures = z.object({
  /** Colleagues who opened the item (completing or rating it counts as opening it). */
  viewed: PeopleCount,
  /** Colleagues who completed it. */
  completed: PeopleCount,
});
export type GroupFigures = z.infer<typeof GroupFigures>;

export const PopularityForItemsInput = z.object({
  items: z.array(ItemKey).min(1).max(MAX_ITEMS_PER_REQUEST),
});
export type PopularityForItemsInput = z.infer<typeof PopularityForItemsInput>;

export const ItemPopularity = z.object({
  item: ItemKey,
  /** The caller's own team (within their unit). */
  team: GroupFigures,
  /** The caller's unit; the whole company when they have none. */
  unit: GroupFigures,
  company: GroupFigures,
  /**
   * Company-wide engagement with time decay (a signal loses half its weight every 7 days), up to
   * yesterday, 1 decimal; 0 while the company figure is withheld. Sort by it, don't show it.
   */
  trending: z.number().min(0),
  /** The team figure is shown, and a notable share of the team took it (more than elsewhere). */
  popularWithTeam: z.boolean(),
  /** The rating score (Bayesian average, see items.summaries), or null when unrated. */
  score: z.number().min(1).max(5).nullable(),
});
export type ItemPopularity = z.infer<typeof ItemPopularity>;

export const PopularityScope = z.enum(['team', 'unit', 'company']);
export type PopularityScope = z.infer<typeof PopularityScope>;

export const MAX_SHELF_LIMIT = 20;
export const DEFAULT_SHELF_LIMIT = 10;

export const ShelfInput = z.object({
  scope: PopularityScope,
  limit: z.number().int().min(1).max(MAX_SHELF_LIMIT).optional(),
  /** Only items of this LMS (the ItemKey's first part), e.g. `moodle`. */
  lms: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/).optional(),
  /** Only items of this site (with `lms`, or alone), e.g. `lms.acme.com`. */
  site: z.string().min(1).max(300).regex(/^[A-Za-z0-9][A-Za-z0-9.\-:/_~%[\]]*$/).optional(),
});
export type ShelfInput = z.infer<typeof ShelfInput>;

export const ShelfEntry = z.object({
  item: ItemKey,
  /** As last reported by a learner's LMS page; null when no one has sent it yet. */
  title: z.string().nullable(),
  /** The scope's figures, as in `forItems` (viewed is never null on a shelf). */
  viewed: PeopleCount,
  completed: PeopleCount,
  /** The scope's decayed engagement up to yesterday, 1 decimal. */
  trending: z.number().min(0),
  score: z.number().min(1).max(5).nullable(),
});
export type ShelfEntry = z.infer<typeof ShelfEntry>;

export const MAX_ALSO_TOOK_LIMIT = 20;
export const DEFAULT_ALSO_TOOK_LIMIT = 5;

export const AlsoTookInput = z.object({
  item: ItemKey,
  limit: z.number().int().min(1).max(MAX_ALSO_TOOK_LIMIT).optional(),
});
export type AlsoTookInput = z.infer<typeof AlsoTookInput>;

export const AlsoTookEntry = z.object({
  item: ItemKey,
  title: z.string().nullable(),
  /** Colleagues (tenant-wide, last 90 whole days) who took both items; always ≥ the minimum group size. */
  colleagues: z.number().int().min(0),
  score: z.number().min(1).max(5).nullable(),
});
export type AlsoTookEntry = z.infer<typeof AlsoTookEntry>;
