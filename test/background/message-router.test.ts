import { describe, expect, it, vi } from 'vitest';
import { routeMessage, type Handlers } from '../../entrypoints/background/message-router';

const EXTENSION_ID = 'bgnjicjffkcfkndjddomcliapknpkgkm';
const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;
const ITEM = 'moodle:127.0.0.1:8080:course:2';

function handlers(): Handlers {
  const unused = vi.fn(async () => ({ ok: false as const, reason: 'error' as const }));
  return {
    'reviews.list': unused,
    'reviews.upsert': unused,
    'reviews.delete': unused,
    'comments.list': unused,
    'comments.replies': unused,
    'comments.create': unused,
    'comments.edit': unused,
    'comments.delete': unused,
    'content.vote': unused,
    'content.report': unused,
    'content.moderate': unused,
    'contributions.list': unused,
    'contributions.mine': unused,
    'contributions.create': unused,
    'contributions.upload': unused,
    'contributions.download': unused,
    'contributions.delete': unused,
    'posts.forItem': unused,
    'posts.feed': unused,
    'posts.save': unused,
    'posts.delete': unused,
    'follows.get': unused,
    'follows.set': unused,
    'notifications.list': unused,
    'notifications.markRead': unused,
    'me.export': unused,
    'me.deleteAccount': unused,
    'notifications.unread': vi.fn(async () => ({ unread: 0 })),
    'items.urls': vi.fn(async () => ({ urls: {} })),
    'items.recent': vi.fn(async () => ({ items: [] })),
    'moderation.queue': unused,
    'session.role': vi.fn(async () => ({ role: null })),
    'page.item': vi.fn(async () => ({ ok: true as const })),
    'panel.open': vi.fn(async () => ({ ok: true })),
    'panel.load': vi.fn(async () => ({ ok: true })),
    'panel.current': vi.fn(async () => ({ item: null, completed: false })),
    'drafts.get': vi.fn(async () => null),
    'drafts.set': vi.fn(async () => ({ ok: true as const })),
    'summaries.cached': vi.fn(async () => ({ summaries: [] })),
    'summaries.fresh': vi.fn(async () => ({ ok: true as const, summaries: [], popularity: [] })),
    'signals.record': vi.fn(async () => ({ ok: true as const })),
    'signals.setPaused': vi.fn(async () => ({ ok: true as const })),
    'rating.set': vi.fn(async () => ({ ok: false as const, reason: 'offline' as const })),
    'session.get': vi.fn(async () => ({ serverUrl: 'http://127.0.0.1:8787', profile: null, policy: {}, hostsToAllow: [], signalsPaused: false, tenant: 'demo', sso: false })),
    'session.signIn': vi.fn(async () => ({ ok: false as const, reason: 'offline' as const })),
    'session.signInSso': vi.fn(async () => ({ ok: false as const, reason: 'offline' as const })),
    'session.signOut': vi.fn(async () => ({ serverUrl: 'http://127.0.0.1:8787', profile: null, policy: {}, hostsToAllow: [], signalsPaused: false, tenant: 'demo', sso: false })),
  };
}

const contentScript = { id: EXTENSION_ID, url: 'http://127.0.0.1:8080/course/view.php?id=2', tab: { id: 1 } } as never;
const optionsPage = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/options.html` } as never;

function route(message: unknown, sender: unknown, table = handlers()) {
  return { table, answer: routeMessage(message, sender as never, table, EXTENSION_ORIGIN, EXTENSION_ID) };
}

describe('background message router', () => {
  it('dispatches a valid message from a content script', async () => {
    const { table, answer } = route({ ripple: 1, type: 'summaries.cached', data: { items: [ITEM] } }, contentScript);
    expect(await answer).toEqual({ summaries: [] });
    expect(table['summaries.cached']).toHaveBeenCalledWith({ items: [ITEM] }, expect.anything());
  });

  it('ignores messages from other extensions and messages that are not Ripple envelopes', async () => {
    const other = { ...(contentScript as object), id: 'someotherextensionid' };
    expect(await route({ ripple: 1, type: 'summaries.cached', data: { items: [ITEM] } }, other).answer).toBeUndefined();
    expect(await route({ type: 'summaries.cached', data: { items: [ITEM] } }, contentScript).answer).toBeUndefined();
    expect(await route({ ripple: 1, type: 'admin.dropTables', data: {} }, contentScript).answer).toBeUndefined();
    expect(await route('hello', contentScript).answer).toBeUndefined();
  });

  it('keeps session messages to the extension’s own pages', async () => {
    const signIn = { ripple: 1, type: 'session.signIn', data: { serverUrl: 'https://evil.example', displayName: 'x', team: 'y' } };
    const fromPage = route(signIn, contentScript);
    expect(await fromPage.answer).toBeUndefined();
    expect(fromPage.table['session.signIn']).not.toHaveBeenCalled();
    const fromOptions = route(signIn, optionsPage);
    await fromOptions.answer;
    expect(fromOptions.table['session.signIn']).toHaveBeenCalled();
  });

  it('keeps the learner’s export, account deletion and the items they opened to the extension’s own pages', async () => {
    for (const [type, data] of [
      ['me.export', {}],
      ['me.deleteAccount', { confirm: true }],
      ['items.recent', {}],
      ['items.urls', { items: [ITEM] }],
    ] as const) {
      const fromPage = route({ ripple: 1, type, data }, contentScript);
      expect(await fromPage.answer).toBeUndefined();
      expect(fromPage.table[type]).not.toHaveBeenCalled();
      const fromOptions = route({ ripple: 1, type, data }, optionsPage);
      await fromOptions.answer;
      expect(fromOptions.table[type]).toHaveBeenCalled();
    }
  });

  it('refuses uploads over what a message may carry, and contributions of an unknown kind', async () => {
    const huge = route({ ripple: 1, type: 'contributions.upload', data: { item: ITEM, name: 'big.pdf', base64: 'A'.repeat(48 * 1024 * 1024 + 4) } }, contentScript);
    expect(await huge.answer).toMatchObject({ ok: false, reason: 'rejected' });
    expect(huge.table['contributions.upload']).not.toHaveBeenCalled();
    const odd = route({ ripple: 1, type: 'contributions.create', data: { kind: 'script', item: ITEM, text: 'x' } }, contentScript);
    expect(await odd.answer).toMatchObject({ ok: false, reason: 'rejected' });
    expect(odd.table['contributions.create']).not.toHaveBeenCalled();
  });

  it('rejects bad data with a reason and never reaches the handler', async () => {
    for (const data of [
      { items: ['not a key'] },
      { items: [] },
      { items: Array.from({ length: 501 }, () => ITEM) },
      { items: [ITEM], extra: 'x'.repeat(10) },
    ]) {
      const { table, answer } = route({ ripple: 1, type: 'summaries.fresh', data }, contentScript);
      const result = (await answer) as { ok: boolean; reason?: string } | undefined;
      if (result !== undefined && 'ok' in result && result.ok) {
        // Unknown extra keys are stripped, not an error: the handler sees only known fields.
        expect(table['summaries.fresh']).toHaveBeenCalledWith({ items: [ITEM] }, expect.anything());
        continue;
      }
      expect(result).toMatchObject({ ok: false, reason: 'rejected' });
      expect(table['summaries.fresh']).not.toHaveBeenCalled();
    }
    for (const stars of [0, 6, 2.5, '4']) {
      const { table, answer } = route({ ripple: 1, type: 'rating.set', data: { item: ITEM, stars } }, contentScript);
      expect(await answer).toMatchObject({ ok: false, reason: 'rejected' });
      expect(table['rating.set']).not.toHaveBeenCalled();
    }
  });
});
