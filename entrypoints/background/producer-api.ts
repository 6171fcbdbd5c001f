import type { Handlers } from './message-router';
import type { Session } from './session';
import { callWithSession } from './session-call';
import { downloadFile, uploadFile } from './file-transfer';
import type { NotificationBadge } from './notification-badge';
import { outcomeAsResult, type Outbox } from './outbox';
import type { Contribution } from '../../server/contract/contributions';

type ProducerHandlers = Pick<
  Handlers,
  | 'contributions.list'
  | 'contributions.mine'
  | 'contributions.create'
  | 'contributions.upload'
  | 'contributions.download'
  | 'contributions.delete'
  | 'posts.forItem'
  | 'posts.feed'
  | 'posts.save'
  | 'posts.delete'
  | 'follows.get'
  | 'follows.set'
  | 'notifications.list'
  | 'notifications.unread'
  | 'notifications.markRead'
  | 'me.export'
>;

/**
 * What learners add (links, files, tips, posts), what they follow and hear back about, and their
 * own data: straight to the server, on demand, each write with a fresh client id so a retry
 * applies once. Links and tips go through the outbox like comments, so one written offline is
 * kept and sent later; a file is too big to keep, and the form keeps it picked until it is sent.
 */
export function producerHandlers(session: Session, outbox: Outbox, badge: NotificationBadge): ProducerHandlers {
  const clientId = () => crypto.randomUUID();
  const call = <T extends object>(fn: Parameters<typeof callWithSession<T>>[1]) => callWithSession(session, fn);
  return {
    'contributions.list': ({ item, cursor }) => call(async (api) => ({ page: await api.contributions.list.query({ item, cursor }) })),
    'contributions.mine': ({ cursor }) => call(async (api) => ({ page: await api.contributions.mine.query({ cursor }) })),
    'contributions.create': async (input) =>
      outcomeAsResult(await outbox.submit({ kind: 'contributions.create', input }), (contribution: Contribution) => ({ contribution })),
    'contributions.upload': (input) => uploadFile(session, input),
    'contributions.download': ({ id }) => downloadFile(session, id),
    'contributions.delete': ({ id }) =>
      call(async (api) => {
        await api.contributions.delete.mutate({ id, clientId: clientId() });
        return {};
      }),
    'posts.forItem': ({ item, cursor }) => call(async (api) => ({ page: await api.posts.listForItem.query({ item, cursor }) })),
    'posts.feed': ({ scope, cursor }) => call(async (api) => ({ page: await api.posts.feed.query({ scope, cursor }) })),
    'posts.save': ({ id, ...fields }) =>
      call(async (api) => ({
        post: id ? await api.posts.update.mutate({ id, ...fields, clientId: clientId() }) : await api.posts.create.mutate({ ...fields, clientId: clientId() }),
      })),
    'posts.delete': ({ id }) =>
      call(async (api) => {
        await api.posts.delete.mutate({ id, clientId: clientId() });
        return {};
      }),
    'follows.get': ({ item }) => call(async (api) => ({ following: (await api.follows.get.query({ item })).following })),
    'follows.set': ({ item, following }) => call(async (api) => ({ following: (await api.follows.set.mutate({ item, following })).following })),
    'notifications.list': ({ cursor }) => call(async (api) => ({ page: await api.notifications.list.query({ cursor }) })),
    'notifications.unread': async () => ({ unread: await badge.refresh() }),
    'notifications.markRead': (input) =>
      call(async (api) => {
        const { unread } = await api.notifications.markRead.mutate(input.ids ? { ids: input.ids } : { all: true });
        await badge.show(unread);
        return { unread };
      }),
    'me.export': () => call(async (api) => ({ json: JSON.stringify(await api.me.export.query(), null, 2) })),
  };
}
