import { z } from 'zod';
import { ItemKeySchema as ItemKey } from './item-key-schema';

export const Stars = z.number().int().min(1).max(5);
export type Stars = z.infer<typeof Stars>;

/** Most tiles a single page can ask about in one request (the largest real listings hold ~240). */
export const MAX_ITEMS_PER_REQUEST = 500;
export const ITEM_TITLE_MAX_LENGTH = 300;

/** Client-generated id of a write, so a retried write is applied once. */
export const ClientWriteId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const ItemTitle = z.string().trim().min(1).max(ITEM_TITLE_MAX_LENGTH);

export const SummariesInput = z.object({
  items: z.array(ItemKey).min(1).max(MAX_ITEMS_PER_REQUEST),
});
export type SummariesInput = z.infer<typeof SummariesInput>;

/** What a rating widget shows for one item: colleagues' aggregate plus the caller's own stars. */
export const RatingSummary = z.object({
  item: ItemKey,
  /** Mean of all ratings, or null when nobody has rated yet. */
  average: z.number().min(1).max(5).nullable(),
  count: z.number().int().min(0),
  /** The caller's own stars, or null when they have not rated. */
  mine: Stars.nullable(),
});
export type RatingSummary = z.infer<typeof RatingSummary>;

export const SetRatingInput = z.object({
  item: ItemKey,
  stars: Stars,
  /** The item's title as the LMS shows it, kept so listings and shelves can name the item. */
  title: ItemTitle.optional(),
  clientId: ClientWriteId,
});
export type SetRatingInput = z.infer<typeof SetRatingInput>;
