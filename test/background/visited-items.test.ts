import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { RippleDb } from '../../entrypoints/background/db';
import { forgetVisits, recentVisits, rememberVisit, VISITED_CAP, visitedUrls } from '../../entrypoints/background/visited-items';

const key = (n: number) => `moodle:lms.example:course:${n}`;

describe('visited items (where the learner opened each item)', () => {
  let db: RippleDb;
  afterEach(async () => {
    await db.delete();
  });

  it('remembers http(s) addresses only, the latest per item, and forgets them all on request', async () => {
    db = new RippleDb(`visited-${Math.random()}`);
    await rememberVisit(db, key(1), 'https://lms.example/course/view.php?id=1');
    await rememberVisit(db, key(1), 'https://lms.example/course/view.php?id=1#section-2');
    await rememberVisit(db, key(2), 'javascript:alert(1)');
    await rememberVisit(db, key(3), undefined);
    expect(await visitedUrls(db, [key(1), key(2), key(3), key(1)])).toEqual({ [key(1)]: 'https://lms.example/course/view.php?id=1#section-2' });
    await forgetVisits(db);
    expect(await visitedUrls(db, [key(1)])).toEqual({});
  });

  it('offers the items opened last, newest first, with the title their page gave', async () => {
    db = new RippleDb(`visited-${Math.random()}`);
    await rememberVisit(db, key(1), 'https://lms.example/1', 'Data basics');
    await rememberVisit(db, key(2), 'https://lms.example/2', '   ');
    await new Promise((resolve) => setTimeout(resolve, 2));
    await rememberVisit(db, key(3), 'https://lms.example/3', ' GDPR in practice ');
    expect(await recentVisits(db, 8)).toEqual([
      { item: key(3), title: 'GDPR in practice' },
      { item: key(1), title: 'Data basics' },
    ]);
    expect(await recentVisits(db, 1)).toHaveLength(1);
  });

  it(`keeps at most ${VISITED_CAP} items, dropping the oldest visits`, async () => {
    db = new RippleDb(`visited-${Math.random()}`);
    await db.visited.bulkPut(Array.from({ length: VISITED_CAP }, (_, n) => ({ item: key(n), url: `https://lms.example/${n}`, at: n })));
    await rememberVisit(db, key(VISITED_CAP), 'https://lms.example/new');
    expect(await db.visited.count()).toBe(VISITED_CAP);
    expect(await visitedUrls(db, [key(0), key(1), key(VISITED_CAP)])).toEqual({ [key(1)]: 'https://lms.example/1', [key(VISITED_CAP)]: 'https://lms.example/new' });
  });
});
