import { z } from 'zod';
import { ItemKeySchema } from './item-key-schema';

/** Live updates (`live.items`): the items a browser shows, and where to resume after a reconnect. */
export const LiveItemsInput = z.object({
  items: z.array(ItemKeySchema).min(1).max(500),
  /** The id of the last event received; tRPC's httpSubscriptionLink fills it in on reconnect. */
  lastEventId: z.string().max(32).nullish(),
});
export type LiveItemsInput = z.infer<typeof LiveItemsInput>;

export const LiveEventKind = z.enum(['summary', 'review', 'comment']);
/** What changed about an item: refetch its summary, reviews or discussion. No content travels. */
export const LiveItemEvent = z.object({ item: ItemKeySchema, kind: LiveEventKind });
export type LiveItemEvent = z.infer<typeof LiveItemEvent>;
