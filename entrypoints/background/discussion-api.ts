import type { Handlers } from './message-router';
import type { Session } from './session';
import type { RippleDb } from './db';
import { callWithSession } from './session-call';
import { storeSummaries } from './summary-cache';

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
>;

/**
 * Reviews, discussions and moderation for pages: straight to the server (these lists are read on
 * demand, when a learner opens them), each write with a fresh client id so a retry applies once.
 */
export function discussionHandlers(db: RippleDb, session: Session): DiscussionHandlers {
  const clientId = () => crypto.randomUUID();
  const call = <T extends object>(fn: Parameters<typeof callWithSession<T>>[1]) => callWithSession(session, fn);
  return {
    'reviews.list': ({ item, sort, cursor }) => call(async (api) => ({ page: await api.reviews.list.query({ item, sort, cursor }) })),
    'reviews.upsert': (input) =>
      call(async (api) => {
        const { review, summary } = await api.reviews.upsert.mutate({ ...input, title: input.title || null, clientId: clientId() });
        await storeSummaries(db, [summary]);
        return { review, summary };
      }),
    'reviews.delete': ({ item }) =>
      call(async (api) => {
        const { summary } = await api.reviews.delete.mutate({ item, clientId: clientId() });
        await storeSummaries(db, [summary]);
        return { summary };
      }),
    'comments.list': ({ item, sort, cursor }) => call(async (api) => ({ page: await api.comments.list.query({ item, sort, cursor }) })),
    'comments.replies': ({ parentId, cursor }) => call(async (api) => ({ page: await api.comments.replies.query({ parentId, cursor }) })),
    'comments.create': (input) => call(async (api) => ({ comment: await api.comments.create.mutate({ ...input, clientId: clientId() }) })),
    'comments.edit': ({ id, body }) => call(async (api) => ({ comment: await api.comments.edit.mutate({ id, body, clientId: clientId() }) })),
    'comments.delete': ({ id }) => call(async (api) => ({ comment: await api.comments.delete.mutate({ id, clientId: clientId() }) })),
    'content.vote': ({ kind, id, helpful }) =>
      call(async (api) => {
        const input = { id, helpful, clientId: clientId() };
        return { vote: kind === 'review' ? await api.reviews.vote.mutate(input) : await api.comments.vote.mutate(input) };
      }),
    'content.report': (input) =>
      call(async (api) => {
        await api.moderation.report.mutate({ ...input, clientId: clientId() });
        return {};
      }),
    'content.moderate': ({ kind, id, action }) =>
      call(async (api) => ({ result: await api.moderation[action].mutate({ kind, id, clientId: clientId() }) })),
  };
}
