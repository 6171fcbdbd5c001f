import type { ItemSummary } from '../../server/contract/items';
import type { RippleDb, OutboxEntry, OutboxWrite } from './db';
import type { Session } from './session';
import type { FailureReason, Result } from './protocol';
import { callWithSession } from './session-call';
import { storeSummaries } from './summary-cache';

/** Retries back off from 2 s to 5 min; the alarm that wakes the worker fires at 30 s at the soonest. */
const BACKOFF_MS = [2_000, 5_000, 15_000, 30_000, 60_000, 120_000, 300_000];
export const OUTBOX_ALARM = 'ripple-outbox';

export type SendOutcome =
  | { state: 'sent'; summary?: ItemSummary; result: unknown }
  | { state: 'queued'; reason: FailureReason }
  | { state: 'rejected'; reason: FailureReason; message?: string }
  /** Replaced before it was sent by a newer write of the same kind (a later star rating). */
  | { state: 'superseded' };

/**
 * Every write a learner makes goes through here: stored durably in IndexedDB with its client id
 * first, then sent in order. A write the server refuses (validation, permission) is dropped and
 * reported; one that could not reach it stays queued and is retried with backoff, across service
 * worker restarts, until it lands. The server applies each client id once, so a retry after a
 * lost answer never doubles a write.
 */
export class Outbox {
  private flushing: Promise<void> | null = null;
  /** How each write fared in the current flush, for the `submit` call waiting on it. */
  private readonly outcomes = new Map<string, SendOutcome>();
  /** Writes removed unsent because a newer one replaced them, until their `submit` call answers. */
  private readonly superseded = new Set<string>();

  constructor(
    private readonly db: RippleDb,
    private readonly session: Session,
    private readonly wakeAt: (when: number) => void,
  ) {}

  /** Queues a write and tries to send everything queued now; answers how this write fared. */
  async submit(write: OutboxWrite): Promise<SendOutcome> {
    const entry: OutboxEntry = { ...write, clientId: crypto.randomUUID(), item: write.input.item, createdAt: Date.now(), attempts: 0, nextAttemptAt: 0 };
    await this.db.transaction('rw', this.db.outbox, async () => {
      // A newer star rating replaces an older one still waiting: only the learner's last choice matters.
      if (write.kind === 'rating.set') {
        const replaced = await this.db.outbox.where('item').equals(entry.item).filter((queued) => queued.kind === 'rating.set').toArray();
        await this.db.outbox.bulkDelete(replaced.map((queued) => queued.seq!));
        // One of them may be on its way already: that one still gets its own 'sent' below.
        for (const queued of replaced) this.superseded.add(queued.clientId);
      }
      await this.db.outbox.add(entry);
    });
    // A flush already running picks the new write up too; wait for it, then make sure.
    await this.flushing;
    await this.flush(true);
    // Never "queued" for a write that was replaced: its caller would show (and cache) stars the
    // learner has since changed, after the newer ones were confirmed.
    const outcome = this.outcomes.get(entry.clientId) ?? (this.superseded.has(entry.clientId) ? { state: 'superseded' } : { state: 'queued', reason: 'offline' });
    this.outcomes.delete(entry.clientId);
    this.superseded.delete(entry.clientId);
    return outcome;
  }

  /** Sends what is due, oldest first; stops at the first write that cannot get through, to keep order. */
  flush(force = false): Promise<void> {
    this.flushing ??= this.drain(force).finally(() => (this.flushing = null));
    return this.flushing;
  }

  /** The stars the learner chose and the server has not confirmed yet, by item (the latest choice). */
  async pendingStars(items: string[]): Promise<Map<string, number>> {
    const queued = await this.db.outbox.where('item').anyOf(items).sortBy('seq');
    const stars = new Map<string, number>();
    for (const entry of queued) if (entry.kind === 'rating.set') stars.set(entry.item, entry.input.stars);
    return stars;
  }

  pending(item: string): Promise<number> {
    return this.db.outbox.where('item').equals(item).count();
  }

  private async drain(force: boolean): Promise<void> {
    const outcomes = this.outcomes;
    // Outcomes nobody waited for (background retries) are not kept.
    if (outcomes.size > 100) outcomes.clear();
    for (;;) {
      const next = await this.db.outbox.orderBy('seq').first();
      if (!next) return;
      if (!force && next.nextAttemptAt > Date.now()) return this.wakeAt(next.nextAttemptAt);
      const answer = await callWithSession(this.session, (api) => send(api, next));
      if (answer.ok) {
        await this.db.outbox.delete(next.seq!);
        if (answer.summary) await storeSummaries(this.db, [answer.summary], { changed: true });
        outcomes.set(next.clientId, { state: 'sent', result: answer.result, ...(answer.summary ? { summary: answer.summary } : {}) });
        continue;
      }
      if (answer.reason === 'rejected') {
        // The server will never accept it: drop it so it does not block the writes behind it.
        await this.db.outbox.delete(next.seq!);
        outcomes.set(next.clientId, { state: 'rejected', reason: answer.reason, ...(answer.message ? { message: answer.message } : {}) });
        continue;
      }
      const attempts = next.attempts + 1;
      const nextAttemptAt = Date.now() + BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]!;
      await this.db.outbox.update(next.seq!, { attempts, nextAttemptAt, lastError: answer.reason });
      outcomes.set(next.clientId, { state: 'queued', reason: answer.reason });
      return this.wakeAt(nextAttemptAt);
    }
  }
}

type Api = Parameters<Parameters<typeof callWithSession>[1]>[0];

async function send(api: Api, entry: OutboxEntry): Promise<{ result: unknown; summary?: ItemSummary }> {
  const clientId = entry.clientId;
  switch (entry.kind) {
    case 'rating.set': {
      await api.ratings.set.mutate({ ...entry.input, clientId });
      const [summary] = await api.items.summaries.query({ items: [entry.item] });
      return { result: summary, summary: summary! };
    }
    case 'reviews.upsert': {
      const { title, ...rest } = entry.input;
      const answer = await api.reviews.upsert.mutate({ ...rest, title: title || null, clientId });
      return { result: answer, summary: answer.summary };
    }
    case 'comments.create':
      return { result: await api.comments.create.mutate({ ...entry.input, clientId }) };
    case 'contributions.create':
      return { result: await api.contributions.create.mutate({ ...entry.input, clientId }) };
  }
}

/**
 * A write through the outbox, as pages see it: done, refused, or safe and waiting (`queued`).
 * Only star ratings are ever superseded, and they have their own answer (`Ratings.set`).
 */
export function outcomeAsResult<T extends object>(outcome: SendOutcome, done: (result: never) => T): Result<T> {
  if (outcome.state === 'sent') return { ok: true, ...done(outcome.result as never) };
  if (outcome.state === 'rejected') return { ok: false, reason: outcome.reason, ...(outcome.message ? { message: outcome.message } : {}) };
  return { ok: false, reason: 'queued' };
}
