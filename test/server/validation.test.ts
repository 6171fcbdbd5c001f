import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ITEMS_PER_REQUEST } from '../../server/contract';
import { openStorage, type Storage } from '../../server/storage';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { expectTRPCError, newClientId, signInLearner, snapshotRatingData, uniqueItemKey, type Learner } from './support/harness';

/** The inputs below must be refused at run time; TypeScript would (rightly) refuse them first. */
type Untyped = (input: unknown) => Promise<unknown>;

describe.each(ENGINES)('bad input through createCaller on %s', (engine) => {
  let database: TestDatabase;
  let storage: Storage;
  let ann: Learner;
  let ratedItem: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    storage = await openStorage(database.options);
    ann = await signInLearner(storage, 'Ann');
    // Something already stored, which every refused call below must leave as it was.
    ratedItem = uniqueItemKey();
    await ann.caller.ratings.set({ item: ratedItem, stars: 3, clientId: newClientId(), title: 'Kept' });
  });
  afterAll(async () => {
    await storage?.close();
    await database?.dispose();
  });

  const setCases: Array<[string, (item: string) => unknown]> = [
    ['stars 0', (item) => ({ item, stars: 0, clientId: newClientId() })],
    ['stars 6', (item) => ({ item, stars: 6, clientId: newClientId() })],
    ['stars 3.5', (item) => ({ item, stars: 3.5, clientId: newClientId() })],
    ['stars "4"', (item) => ({ item, stars: '4', clientId: newClientId() })],
    ['no stars', (item) => ({ item, clientId: newClientId() })],
    ['a malformed ItemKey', () => ({ item: 'moodle/lms.acme.com/course/2', stars: 4, clientId: newClientId() })],
    ['an ItemKey with an empty id', () => ({ item: 'moodle:lms.acme.com:course:', stars: 4, clientId: newClientId() })],
    ['an overlong ItemKey', () => ({ item: `moodle:lms.acme.com:course:${'1'.repeat(600)}`, stars: 4, clientId: newClientId() })],
    ['no clientId', (item) => ({ item, stars: 4 })],
    ['a too short clientId', (item) => ({ item, stars: 4, clientId: 'abc' })],
    ['an overlong title', (item) => ({ item, stars: 4, clientId: newClientId(), title: 't'.repeat(301) })],
    ['not an object', () => 'four stars'],
  ];

  it.each(setCases)('ratings.set with %s → BAD_REQUEST, nothing stored', async (_name, makeInput) => {
    const before = await snapshotRatingData(storage.db);
    const set = ann.caller.ratings.set as Untyped;
    await expectTRPCError(set(makeInput(ratedItem)), 'BAD_REQUEST');
    expect(await snapshotRatingData(storage.db)).toEqual(before);
  });

  const summariesCases: Array<[string, () => unknown]> = [
    [`${MAX_ITEMS_PER_REQUEST + 1} items`, () => ({ items: Array.from({ length: MAX_ITEMS_PER_REQUEST + 1 }, () => uniqueItemKey()) })],
    ['no items', () => ({ items: [] })],
    ['one malformed ItemKey among good ones', () => ({ items: [uniqueItemKey(), 'not a key', uniqueItemKey()] })],
    ['items that are not strings', () => ({ items: [42] })],
  ];

  it.each(summariesCases)('ratings.summaries with %s → BAD_REQUEST', async (_name, makeInput) => {
    const summaries = ann.caller.ratings.summaries as Untyped;
    await expectTRPCError(summaries(makeInput()), 'BAD_REQUEST');
  });

  it(`accepts exactly ${MAX_ITEMS_PER_REQUEST} items`, async () => {
    const items = [ratedItem, ...Array.from({ length: MAX_ITEMS_PER_REQUEST - 1 }, () => uniqueItemKey())];
    const summaries = await ann.caller.ratings.summaries({ items });
    expect(summaries).toHaveLength(MAX_ITEMS_PER_REQUEST);
    expect(summaries[0]).toEqual({ item: ratedItem, average: 3, count: 1, mine: 3 });
  });

  it.each([
    ['a short subject', { subject: 'short', displayName: 'Ann', team: 'Sales' }],
    ['a subject with spaces', { subject: 'a subject with spaces!!', displayName: 'Ann', team: 'Sales' }],
    ['a blank name', { subject: 'abcdefghijklmnopqrst', displayName: '   ', team: 'Sales' }],
    ['no team', { subject: 'abcdefghijklmnopqrst', displayName: 'Ann' }],
  ])('auth.devSignIn with %s → BAD_REQUEST, no user created', async (_name, input) => {
    const before = await snapshotRatingData(storage.db);
    const devSignIn = ann.caller.auth.devSignIn as Untyped;
    await expectTRPCError(devSignIn(input), 'BAD_REQUEST');
    expect(await snapshotRatingData(storage.db)).toEqual(before);
  });
});
