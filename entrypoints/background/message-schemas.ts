import { z } from 'zod';
import { ItemKeySchema } from '../../server/contract/item-key-schema';
import { MAX_ITEMS_PER_REQUEST, ItemTitle } from '../../server/contract/ratings';
import { DisplayName, TeamName } from '../../server/contract/auth';
import type { MessageType } from './protocol';

/** Receipt-side validation of every protocol message: pages are not trusted to send good data. */
const items = z.object({ items: z.array(ItemKeySchema).min(1).max(MAX_ITEMS_PER_REQUEST) });
const empty = z.object({}).strict();

export const messageSchemas = {
  'summaries.cached': items,
  'summaries.fresh': items,
  'rating.set': z.object({ item: ItemKeySchema, stars: z.number().int().min(1).max(5), title: ItemTitle.optional() }),
  'session.get': empty,
  'session.signIn': z.object({ serverUrl: z.string().max(2048), displayName: DisplayName, team: TeamName }),
  'session.signOut': empty,
} satisfies Record<MessageType, z.ZodType>;

/** Messages only the extension's own pages may send, never a content script in an LMS page. */
export const extensionPageOnly: ReadonlySet<MessageType> = new Set(['session.get', 'session.signIn', 'session.signOut']);

export const envelopeSchema = z.object({
  ripple: z.literal(1),
  type: z.enum(Object.keys(messageSchemas) as [MessageType, ...MessageType[]]),
  data: z.unknown(),
});
