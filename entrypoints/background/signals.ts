import type { RippleDb, SignalRow } from './db';
import type { Session } from './session';
import { readSetting, writeSetting } from './settings';
import { callWithSession } from './session-call';

/** Batches go out at most this often, and never in the way of a page's own request. */
export const SIGNALS_ALARM = 'ripple-signals';
export const SIGNALS_PERIOD_MINUTES = 1;
const MAX_BATCH = 200;

/**
 * What learners open and complete, for "popular with colleagues": kept locally once per item,
 * kind and day, and sent in batches by an alarm. Nothing is kept while the learner has paused it
 * or the company has switched it off; a repeat across batches is counted once by the server.
 */
export class SignalQueue {
  constructor(
    private readonly db: RippleDb,
    private readonly session: Session,
  ) {}

  async record(events: { item: string; kind: 'view' | 'complete'; itemTitle?: string }[]): Promise<void> {
    if ((await readSetting(this.db, 'signalsPaused')) || (await readSetting(this.db, 'signalsDisabled'))) return;
    const at = new Date().toISOString();
    const day = at.slice(0, 10);
    const rows: SignalRow[] = events.map((event) => ({ key: `${event.item}|${event.kind}|${day}`, at, ...event }));
    await this.db.signals.bulkPut(rows);
  }

  async setPaused(paused: boolean): Promise<void> {
    await writeSetting(this.db, 'signalsPaused', paused);
    if (paused) await this.db.signals.clear();
  }

  /** Sends what is queued, in batches; what could not be sent stays for the next alarm. */
  async flush(): Promise<void> {
    for (;;) {
      const batch = await this.db.signals.limit(MAX_BATCH).toArray();
      if (batch.length === 0) return;
      const answer = await callWithSession(this.session, async (api) =>
        api.signals.record.mutate({
          events: batch.map(({ item, kind, at, itemTitle }) => ({ item, kind, at, ...(itemTitle ? { itemTitle } : {}) })),
          clientId: crypto.randomUUID(),
        }),
      );
      if (!answer.ok) {
        // Refused outright (e.g. an item gone bad): drop rather than retry forever.
        if (answer.reason === 'rejected') await this.db.signals.bulkDelete(batch.map((row) => row.key));
        return;
      }
      await this.db.signals.bulkDelete(batch.map((row) => row.key));
      if (answer.disabled) {
        await writeSetting(this.db, 'signalsDisabled', true);
        await this.db.signals.clear();
        return;
      }
    }
  }
}
