import { z } from 'zod';
import { ItemKeySchema } from './item-key-schema';

/**
 * Live updates (`live.items`): the items a browser shows, and where to resume after a reconnect.
 * The stream also carries the caller's own notification events, whatever the items.
 */
export const LiveItemsInput = z.object({
  items: z.array(ItemKeySchema).min(1).max(500),
  /** The id of the last event received; tRPC's httpSubscriptionLink fills it in on reconnect. */
  lastEventId: z.string().max(32).nullish(),
});
export type LiveItemsInput = z.infer<typeof LiveItemsInput>;

export const LiveEventKind = z.enum(['summary', 'review', 'comment', 'contribution', 'post', 'notification']);
export type LiveEventKind = z.infer<typeof LiveEventKind>;

/** What changed about an item: refetch its summary, reviews, discussion, contributions or posts. */
export const LiveItemChangeKind = LiveEventKind.exclude(['notification']);
export type LiveItemChangeKind = z.infer<typeof LiveItemChangeKind>;
export const LiveItemChange = z.object({ item: ItemKeySchema, kind: LiveItemChangeKind });
export type LiveItemChange = z.infer<typeof LiveItemChange>;

/** The caller got a notification: refetch the unread count. Only ever the caller's own. */
export const LiveNotificationEvent = z.object({ kind: z.literal('notification') });
export type LiveNotificationEvent = z.infer<typeof LiveNotificationEvent>;

/** One event of `live.items`. No content travels: the client refetches what it shows. */
export const LiveItemEvent = z.union([LiveItemChange, LiveNotificationEvent]);
export type LiveItemEvent = z.infer<typeof LiveItemEvent>;
