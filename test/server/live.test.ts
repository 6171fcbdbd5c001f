import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type RippleServer } from '../../server/app';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { publishLive, userChannel } from '../../server/live';
import { ensureTenant } from '../../server/services/tenants';
import { setUserRole } from '../../server/services/users';
import { liveData, liveItemsUrl, liveItemsUrlWithParams, openSse, type SseMessage } from './support/sse';
import { newClientId, uniqueItemKey } from './support/harness';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '../../server/contract';

function clientFor(url: string, token?: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })],
  });
}

describe.each(ENGINES)('live updates over SSE on %s', (engine) => {
  let database: TestDatabase;
  let server: RippleServer;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    server = await buildServer(database.options);
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    // Closed SSE streams can linger a few seconds in the server's keep-alive; don't wait for them.
    server?.app.server.closeAllConnections();
    await server?.close();
    await database?.dispose();
  });

  async function signIn(name: string) {
    const { token } = await clientFor(url).auth.devSignIn.mutate({ subject: `s-${name}-${newClientId()}`, displayName: name, team: 'T' });
    return { token, api: clientFor(url, token) };
  }

  it('streams others\' ratings, reviews and comments on watched items, and resumes from lastEventId', async () => {
    const watcher = await signIn('Watcher');
    const writer = await signIn('Writer');
    const item = uniqueItemKey();
    const other = uniqueItemKey();
    const stream = await openSse(await liveItemsUrl(url, watcher.token, [item]));
    try {
      await stream.waitFor((m) => m.event === 'connected', 2000);
      await writer.api.ratings.set.mutate({ item, stars: 4, clientId: newClientId() });
      await writer.api.ratings.set.mutate({ item: other, stars: 2, clientId: newClientId() });
      await writer.api.comments.create.mutate({ item, body: 'Hello', clientId: newClientId() });
      await writer.api.reviews.upsert.mutate({ item, body: 'A good course overall, worth it.', clientId: newClientId() } as never).catch(() => undefined);
      const summary = await stream.waitFor((m) => liveData(m)?.kind === 'summary', 2000);
      const comment = await stream.waitFor((m) => liveData(m)?.kind === 'comment', 2000);
      expect(liveData(summary)!.item).toBe(item);
      expect(stream.messages.every((m) => liveData(m)?.item !== other)).toBe(true);
      expect(Number(comment.id)).toBeGreaterThan(Number(summary.id));

      // A reconnect from the summary's id gets the comment again, not the summary.
      const resumed = await openSse(await liveItemsUrl(url, watcher.token, [item], summary.id));
      try {
        const replayed = await resumed.waitFor((m) => liveData(m)?.kind === 'comment', 2000);
        expect(replayed.id).toBe(comment.id);
        expect(resumed.messages.some((m) => m.id === summary.id)).toBe(false);
      } finally {
        resumed.close();
      }
    } finally {
      stream.close();
    }
  });

  it('tells a learner at once of their own notifications, whatever items they watch, and nobody else', async () => {
    const ann = await signIn('Ann');
    const bob = await signIn('Bob');
    const cy = await signIn('Cy');
    const annId = server.auth.verifyToken(ann.token)!.userId;
    const item = uniqueItemKey();
    const comment = await ann.api.comments.create.mutate({ item, body: 'Question', clientId: newClientId() });
    const tip = await ann.api.contributions.create.mutate({ kind: 'tip', item, text: 'Do the quiz first', clientId: newClientId() });
    const isNotification = (m: SseMessage) => liveData(m)?.kind === 'notification';

    // Ann's tab shows some other item: her notifications come all the same. Cy watches the item.
    const annStream = await openSse(await liveItemsUrl(url, ann.token, [uniqueItemKey()]));
    const cyStream = await openSse(await liveItemsUrl(url, cy.token, [item]));
    try {
      await annStream.waitFor((m) => m.event === 'connected', 2000);
      await cyStream.waitFor((m) => m.event === 'connected', 2000);

      // Another tenant's event on a channel named like Ann's never reaches her.
      const other = await ensureTenant(server.db, { slug: `other-${newClientId().toLowerCase()}`, name: 'Other' });
      await publishLive(server.db, other.id, userChannel(annId), 'notification');

      await bob.api.comments.create.mutate({ item, parentId: comment.id, body: 'Answer', clientId: newClientId() });
      const first = await annStream.waitFor(isNotification, 2000);
      expect(JSON.parse(first.data)).toEqual({ kind: 'notification' });
      await bob.api.contributions.vote.mutate({ id: tip.id, helpful: true, clientId: newClientId() });
      await annStream.waitFor((m) => isNotification(m) && m.id !== first.id, 2000);
      expect(await ann.api.notifications.unreadCount.query()).toEqual({ unread: 2 });

      // Cy sees the item change (the reply, then the vote on the contribution), and no notification:
      // each write publishes its notifications before its item event.
      await cyStream.waitFor((m) => liveData(m)?.kind === 'comment', 2000);
      const voted = await cyStream.waitFor((m) => liveData(m)?.kind === 'contribution', 2000);
      expect(cyStream.messages.filter(isNotification)).toEqual([]);
      // A moderator hiding the contribution refreshes its item's pages too.
      const { tenantId, userId: bobId } = server.auth.verifyToken(bob.token)!;
      await setUserRole(server.db, tenantId, bobId, 'moderator');
      await bob.api.moderation.hide.mutate({ kind: 'contribution', id: tip.id, clientId: newClientId() });
      await cyStream.waitFor((m) => liveData(m)?.kind === 'contribution' && m.id !== voted.id, 2000);
      // Ann's stream carries her two notifications only (not the other tenant's, no item events).
      expect(annStream.messages.filter((m) => liveData(m) !== null).map((m) => m.data)).toEqual(['{"kind":"notification"}', '{"kind":"notification"}']);

      // A posts about the item: pages showing it refresh their posts.
      await ann.api.posts.create.mutate({ title: 'My notes', body: 'Read these', items: [item], clientId: newClientId() });
      expect(liveData(await cyStream.waitFor((m) => liveData(m)?.kind === 'post', 2000))).toEqual({ item, kind: 'post' });

      // A reconnect from before the first notification catches up on both.
      const resumed = await openSse(await liveItemsUrl(url, ann.token, [uniqueItemKey()], String(Number(first.id) - 1)));
      try {
        await resumed.waitFor((m) => isNotification(m) && m.id !== first.id, 2000);
        expect(resumed.messages.filter(isNotification)).toHaveLength(2);
      } finally {
        resumed.close();
      }
    } finally {
      annStream.close();
      cyStream.close();
    }
    // Nobody can name a learner's channel as an item to watch.
    const forged = await openSse(await liveItemsUrl(url, cy.token, [userChannel(annId)]));
    try {
      expect((await forged.waitFor((m) => m.event === 'serialized-error', 2000)).data).toContain('BAD_REQUEST');
    } finally {
      forged.close();
    }
  });

  it('opens the stream only with a stream ticket, and a ticket opens nothing else', async () => {
    const ann = await signIn('TicketAnn');
    const refused = async (params: Record<string, string>) => {
      const stream = await openSse(liveItemsUrlWithParams(url, params, [uniqueItemKey()]));
      try {
        return (await stream.waitFor((m) => m.event === 'serialized-error', 2000)).data;
      } finally {
        stream.close();
      }
    };
    // Garbage, and the session token itself (in the URL, where proxies log it): refused.
    expect(await refused({ ticket: 'not-a-ticket' })).toContain('UNAUTHORIZED');
    expect(await refused({ ticket: ann.token })).toContain('UNAUTHORIZED');
    expect(await refused({ token: ann.token })).toContain('UNAUTHORIZED');

    const { ticket, expiresAt } = await ann.api.live.ticket.mutate();
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(60_000);
    // The ticket is no session token: neither as a bearer nor in the URL of another procedure.
    await expect(clientFor(url, ticket).auth.me.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    const elsewhere = await fetch(`${url}/trpc/auth.me?connectionParams=${encodeURIComponent(JSON.stringify({ ticket }))}`);
    expect(elsewhere.status).toBe(401);
    // Without any session, no ticket.
    await expect(clientFor(url).live.ticket.mutate()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    // And it does open the stream.
    const stream = await openSse(liveItemsUrlWithParams(url, { ticket }, [uniqueItemKey()]));
    try {
      await stream.waitFor((m) => m.event === 'connected', 2000);
    } finally {
      stream.close();
    }
  });
});
