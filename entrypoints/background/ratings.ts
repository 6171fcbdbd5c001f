import type { RatingSummary } from '../../server/contract/ratings';
import type { RippleDb } from './db';
import type { Result } from './protocol';
import type { Session } from './session';
import { classifyFailure } from './api-client';
import { readCachedSummaries, storeSummaries } from './summary-cache';

/**
 * Rating reads and writes for pages: the cache answers first, the server refreshes it. A call the
 * server refuses for an expired or unknown token signs in again once and retries.
 */
export class Ratings {
  constructor(
    private readonly db: RippleDb,
    private readonly session: Session,
  ) {}

  cached(items: string[]): Promise<RatingSummary[]> {
    return readCachedSummaries(this.db, items);
  }

  async fresh(items: string[]): Promise<Result<{ summaries: RatingSummary[] }>> {
    return this.withSession(async () => {
      const api = await this.session.api();
      const summaries = await api.ratings.summaries.query({ items });
      await storeSummaries(this.db, summaries);
      return { summaries };
    });
  }

  async set(item: string, stars: number, title: string | undefined): Promise<Result<{ summary: RatingSummary }>> {
    // One id per learner action: a retry of this call is applied once by the server.
    const clientId = crypto.randomUUID();
    return this.withSession(async () => {
      const api = await this.session.api();
      const summary = await api.ratings.set.mutate({ item, stars, title, clientId });
      await storeSummaries(this.db, [summary]);
      return { summary };
    });
  }

  private async withSession<T extends object>(call: () => Promise<T>): Promise<Result<T>> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        if (!(await this.session.ensure())) return { ok: false, reason: 'signed-out' };
        return { ok: true, ...(await call()) };
      } catch (error) {
        const failure = classifyFailure(error);
        if (failure.reason === 'signed-out' && attempt === 0) {
          await this.session.forget();
          continue;
        }
        return { ok: false, ...failure };
      }
    }
    return { ok: false, reason: 'signed-out' };
  }
}
