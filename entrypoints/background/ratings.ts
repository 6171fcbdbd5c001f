import type { ItemSummary } from '../../server/contract/items';
import type { RippleDb } from './db';
import type { Result } from './protocol';
import type { Session } from './session';
import { callWithSession } from './session-call';
import { readCachedSummaries, storeSummaries } from './summary-cache';

/** Item summaries and star ratings for pages: the cache answers first, the server refreshes it. */
export class Ratings {
  constructor(
    private readonly db: RippleDb,
    private readonly session: Session,
  ) {}

  cached(items: string[]): Promise<ItemSummary[]> {
    return readCachedSummaries(this.db, items);
  }

  fresh(items: string[]): Promise<Result<{ summaries: ItemSummary[] }>> {
    return callWithSession(this.session, async (api) => {
      const summaries = await api.items.summaries.query({ items });
      await storeSummaries(this.db, summaries);
      return { summaries };
    });
  }

  set(item: string, stars: number, title: string | undefined): Promise<Result<{ summary: ItemSummary }>> {
    // One id per learner action: a retry of this call is applied once by the server.
    const clientId = crypto.randomUUID();
    return callWithSession(this.session, async (api) => {
      await api.ratings.set.mutate({ item, stars, title, clientId });
      // The full summary (histogram, comment count) comes from the same batched request.
      const [summary] = await api.items.summaries.query({ items: [item] });
      await storeSummaries(this.db, [summary!]);
      return { summary: summary! };
    });
  }
}
