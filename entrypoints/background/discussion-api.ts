import type { Handlers } from './message-router';
import type { Session } from './session';
import type { RippleDb } from './db';
import { callWithSession } from './session-call';
import { storeSummaries } from './summary-cache';
import { outcomeAsResult, type Outbox } from './outbox';
import type { Review } from '../../server/contract/reviews';
import type { Comment } from '../../server/contract/comments';
import type { ItemSummary } from '../../server/contract/items';


type DiscussionHandlers = Pick<
  Handlers,
  | 'reviews.list'
  | 'reviews.upsert'
  | 'reviews.delete'
  | 'comments.list'
  | 'comments.replies'
  | 'comments.create'
  | 'comments.edit'
  | 'comments.delete'
  | 'content.vote'
  | 'content.report'
  | 'content.moderate'
  | 'moderation.queue'
>;

/**
 * Reviews, discussions and moderation for pages: straight to the server (these lists are read on
 * demand, when a learner opens them), each write with a fresh client id so a retry applies once.
 */
export function discussionHandlers(db: RippleDb, session: Session, outbox: Outbox): DiscussionHandlers {
  const clientId = () => crypto.randomUUID();
  const call = <T extends object>(fn: Parameters<typeof callWithSession<T>>[1]) => callWithSession(session, fn);
  return {
    'reviews.list': ({ item, sort, cursor }) => call(async (api) => ({ page: await api.reviews.list.query({ item, sort, cursor }) })),
    // Creative writes go through the outbox: written offline, they are sent later, exactly once.
    'reviews.upsert': async (input) =>
      outcomeAsResult(await outbox.submit({ kind: 'reviews.upsert', input }), (answer: { review: Review; summary: ItemSummary }) => answer),
    'reviews.delete': ({ item }) =>
      call(async (api) => {
        const { summary } = await api.reviews.delete.mutate({ item, clientId: clientId() });
        await storeSummaries(db, [summary], { changed: true });
        return { summary };
      }),
    'comments.list': ({ item, sort, cursor }) => call(async (api) => ({ page: await api.comments.list.query({ item, sort, cursor }) })),
    'comments.replies': ({ parentId, cursor }) => call(async (api) => ({ page: await api.comments.replies.query({ parentId, cursor }) })),
    'comments.create': async (input) => outcomeAsResult(await outbox.submit({ kind: 'comments.create', input }), (comment: Comment) => ({ comment })),
    'comments.edit': ({ id, body }) => call(async (api) => ({ comment: await api.comments.edit.mutate({ id, body, clientId: clientId() }) })),
    'comments.delete': ({ id }) => call(async (api) => ({ comment: await api.comments.delete.mutate({ id, clientId: clientId() }) })),
    'content.vote': ({ kind, id, helpful }) =>
      call(async (api) => {
        const input = { id, helpful, clientId: clientId() };
        const votes = { review: api.reviews.vote, comment: api.comments.vote, contribution: api.contributions.vote };
        return { vote: await votes[kind].mutate(input) };
      }),
    'content.report': (input) =>
      call(async (api) => {
        await api.moderation.report.mutate({ ...input, clientId: clientId() });
        return {};
      }),
    'moderation.queue': ({ cursor }) => call(async (api) => ({ page: await api.moderation.queue.query({ cursor }) })),
    'content.moderate': ({ kind, id, action }) =>
      call(async (api) => ({ result: await api.moderation[action].mutate({ kind, id, clientId: clientId() }) })),
  };
}
