import type { ItemSummary } from '../../server/contract/items';
import type { RippleDb } from './db';
import type { PageContext, PageData, Result } from './protocol';
import type { Session } from './session';
import { callWithSession } from './session-call';
import type { Outbox } from './outbox';
import { withOwnRating } from '../../server/contract/rating-math';
import { readCachedSummaries, storeSummaries } from './summary-cache';

/** Item summaries and star ratings for pages: the cache answers first, the server refreshes it. */
export class Ratings {
  constructor(
    private readonly db: RippleDb,
    private readonly session: Session,
    private readonly outbox: Outbox,
  ) {}

  cached(items: string[]): Promise<ItemSummary[]> {
    return readCachedSummaries(this.db, items);
  }

  /**
   * Everything the page shows about its items, in ONE HTTP request: the calls are made in the same
   * tick, so the batching link sends them together. Popularity figures are extras: a server
   * without them (or failing them) still gives the page its ratings.
   */
  fresh(items: string[], page?: PageContext): Promise<Result<PageData>> {
    return callWithSession(this.session, async (api) => {
      const listing = page && (page.kind === 'listing' || page.kind === 'dashboard');
      // Read before the server is asked: a choice still on its way is either in the server's answer
      // or here, so a reload right after rating never shows the learner's previous stars.
      const unconfirmed = await this.outbox.pendingStars(items);
      const [answered, popularity, shelf, alsoTook] = await Promise.all([
        api.items.summaries.query({ items }),
        api.popularity.forItems.query({ items }).catch(() => []),
        listing ? api.popularity.shelf.query({ scope: 'team', lms: page.lms, site: page.site, limit: 8 }).catch(() => undefined) : undefined,
        page?.item ? api.popularity.alsoTook.query({ item: page.item }).catch(() => undefined) : undefined,
      ]);
      const summaries = answered.map((summary) => {
        const stars = unconfirmed.get(summary.item);
        return stars === undefined ? summary : withOwnRating(summary, summary.item, stars);
      });
      await storeSummaries(this.db, summaries);
      // The server answers again: a good moment to send what waited for it.
      void this.outbox.flush(true);
      return { summaries, popularity, ...(shelf ? { shelf } : {}), ...(alsoTook ? { alsoTook } : {}) };
    });
  }

  /**
   * Sets the learner's stars through the outbox: answered with the server's summary when it got
   * through, or with the expected one (`pending`) when the write waits for the server.
   */
  async set(item: string, stars: number, title: string | undefined): Promise<Result<{ summary: ItemSummary; pending?: boolean }>> {
    // Submitted before anything else is awaited: arrow keys send 1, 2, 3 in quick succession, and
    // any await in front of the outbox would let them reach it (and the server) in another order.
    const outcome = await this.outbox.submit({ kind: 'rating.set', input: { item, stars, ...(title ? { title } : {}) } });
    if (outcome.state === 'sent') return { ok: true, summary: outcome.summary! };
    if (outcome.state === 'rejected') return { ok: false, reason: outcome.reason, ...(outcome.message ? { message: outcome.message } : {}) };
    const [before] = await readCachedSummaries(this.db, [item]);
    // A later choice replaced this one: answer with what is known, store and announce nothing.
    if (outcome.state === 'superseded') return { ok: true, summary: before ?? withOwnRating(null, item, stars) };
    // Waiting in the outbox: show the cached figures with the learner's choice put in.
    const expected = withOwnRating(before ?? null, item, stars);
    // Cached as expected, so a reload keeps showing the learner's choice while it waits.
    await storeSummaries(this.db, [expected], { changed: true });
    return { ok: true, summary: expected, pending: true };
  }
}
