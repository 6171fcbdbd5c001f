import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { openOrRebuild, RippleDb } from '../../entrypoints/background/db';

describe('local database', () => {
  it('opens normally, and is usable', async () => {
    const db = new RippleDb(`ok-${Math.random()}`);
    expect(await openOrRebuild(db)).toBe('opened');
    await db.settings.put({ name: 'subject', value: 'x' });
    expect(await db.settings.get('subject')).toEqual({ name: 'subject', value: 'x' });
    await db.delete();
  });

  it('copes with a database left by a newer version with another shape: usable afterwards', async () => {
    const name = `broken-${Math.random()}`;
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, 990);
      request.onupgradeneeded = () => request.result.createObjectStore('something-else');
      request.onsuccess = () => (request.result.close(), resolve());
      request.onerror = () => reject(request.error);
    });
    const db = new RippleDb(name);
    // Dexie adapts to the newer version and adds the stores it lacks; either way it must work.
    expect(['opened', 'rebuilt']).toContain(await openOrRebuild(db));
    await db.summaries.put({ item: 'moodle:x:course:1', summary: null as never, fetchedAt: 1, usedAt: 1 });
    expect(await db.summaries.count()).toBe(1);
    await db.delete();
  });

  it('deletes and recreates a database that fails to open, keeping nothing broken', async () => {
    /** A database whose first open fails, as a corrupted file does. */
    class FailingOnce extends RippleDb {
      private failed = false;
      override open() {
        if (!this.failed) {
          this.failed = true;
          return Dexie.Promise.reject(new Error('simulated corruption'));
        }
        return super.open();
      }
    }
    const db = new FailingOnce(`corrupt-${Math.random()}`);
    expect(await openOrRebuild(db)).toBe('rebuilt');
    await db.settings.put({ name: 'subject', value: 'y' });
    expect(await db.settings.count()).toBe(1);
    await db.delete();
  });
});
