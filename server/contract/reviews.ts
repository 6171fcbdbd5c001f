import { z } from 'zod';
import { Author, ContentId, ContentState, Cursor, PageLimit } from './content';
import { learnerLine, learnerText } from './content';
import { ItemSummary } from './items';
import { ItemKeySchema as ItemKey } from './item-key-schema';
import { ClientWriteId, ItemTitle, Stars } from './ratings';

export const REVIEW_TITLE_MAX_LENGTH = 120;
export const REVIEW_TEXT_MAX_LENGTH = 5000;

export const ReviewTitle = learnerLine(REVIEW_TITLE_MAX_LENGTH);
export const ReviewText = learnerText(REVIEW_TEXT_MAX_LENGTH);

/** Writes (or replaces) the caller's review of an item: their stars plus text. */
export const UpsertReviewInput = z.object({
  item: ItemKey,
  stars: Stars,
  /** The review's own headline; null or absent for none. */
  title: ReviewTitle.nullish(),
  text: ReviewText,
  /** Whether the adapter saw the caller complete the item. Once true, it stays true. */
  completed: z.boolean(),
  /** The item's title as the LMS shows it (as `ratings.set`'s `title`). */
  itemTitle: ItemTitle.optional(),
  clientId: ClientWriteId,
});
export type UpsertReviewInput = z.input<typeof UpsertReviewInput>;

/** Removes the caller's review text of an item; their stars stay as a star-only rating. */
export const DeleteReviewInput = z.object({
  item: ItemKey,
  clientId: ClientWriteId,
});
export type DeleteReviewInput = z.infer<typeof DeleteReviewInput>;

export const ReviewSort = z.enum(['helpful', 'newest', 'critical']);
export type ReviewSort = z.infer<typeof ReviewSort>;

export const ListReviewsInput = z.object({
  item: ItemKey,
  /** helpful (default): most helpful votes first; newest; critical: fewest stars first, then helpful. */
  sort: ReviewSort.default('helpful'),
  cursor: Cursor.nullish(),
  limit: PageLimit.optional(),
});
export type ListReviewsInput = z.input<typeof ListReviewsInput>;

export const Review = z.object({
  id: ContentId,
  item: ItemKey,
  stars: Stars,
  title: z.string().nullable(),
  text: z.string(),
  /** "Completed" badge: the author had completed the item when writing. */
  completed: z.boolean(),
  helpfulCount: z.number().int().min(0),
  votedByMe: z.boolean(),
  author: Author,
  /** The caller wrote it (offer edit/delete; voting and reporting are refused). */
  isMine: z.boolean(),
  /** Anything but `visible` reaches only the author and moderators. */
  state: ContentState,
  /** ISO-8601. */
  createdAt: z.string(),
  /** ISO-8601 of the last change of text, title or stars by the author; null if never changed. */
  editedAt: z.string().nullable(),
});
export type Review = z.infer<typeof Review>;

export const ReviewPage = z.object({
  reviews: z.array(Review),
  nextCursor: z.string().nullable(),
});
export type ReviewPage = z.infer<typeof ReviewPage>;

export const UpsertReviewResult = z.object({
  review: Review,
  summary: ItemSummary,
});
export type UpsertReviewResult = z.infer<typeof UpsertReviewResult>;

export const DeleteReviewResult = z.object({
  summary: ItemSummary,
});
export type DeleteReviewResult = z.infer<typeof DeleteReviewResult>;

export const VoteInput = z.object({
  id: ContentId,
  /** true: mark helpful; false: take the vote back. Either is a no-op when already so. */
  helpful: z.boolean(),
  clientId: ClientWriteId,
});
export type VoteInput = z.infer<typeof VoteInput>;
