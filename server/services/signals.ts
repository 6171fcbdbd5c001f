import { sql, type Kysely } from 'kysely';
import { parseItemKey, SIGNAL_MAX_AGE_DAYS, type ItemKey, type RecordSignalsInput, type RecordSignalsResult } from '../contract';
import type { Database, SignalKindValue } from '../db/schema';
import { DAY_MS, dayOf, trendWeight } from './popularity-days';
import { getTenantSettings } from './tenant-settings';
import { getUserGroups, type AuthenticatedUser } from './users';
import { runLearnerWrite } from './writes';

/**
 * Learners' signals (view, complete, rate) become rollups of distinct people, at write time:
 *
 *  signal_dedup      (tenant, user, item, day, kind) unique: a repeat changes nothing;
 *  popularity_daily  distinct learners per (item, team, unit, day, kind): +1 per new dedup row;
 *  item_learners     per (item, user): the last days viewed / completed, with team and unit, from
 *                    which the distinct people of any window ending now are counted;
 *  popularity_trend  per (group, item): decayed engagement, so a shelf ranks from an index.
 *
 * Completing or rating an item also records a view of it that day (one cannot finish what one
 * never opened), so "viewed" counts everyone who engaged. Ratings are recorded by the rating write
 * itself (`recordRatingSignal`, called from `writeRating`), not sent by the extension.
 */

export interface SignalRow {
  item: ItemKey;
  /** YYYY-MM-DD, UTC. */
  day: string;
  kind: SignalKindValue;
}

export interface SignalGroups {
  team: string;
  /** '' when the learner has no unit. */
  unit: string;
}

/**
 * `signals.record`: applies a batch once per clientId (a retry answers the first result). Not
 * counted against the write rate limit: signals are not content, a batch is capped at 200 events,
 * and dedup means one learner can move any count by at most one. Off for the tenant: dropped.
 */
export async function recordSignals(
  db: Kysely<Database>,
  actor: AuthenticatedUser,
  input: RecordSignalsInput,
  nowMs = Date.now(),
): Promise<RecordSignalsResult> {
  const settings = await getTenantSettings(db, actor.tenantId);
  if (!settings.signals) return { accepted: 0, disabled: true };

  const oldestMs = nowMs - SIGNAL_MAX_AGE_DAYS * DAY_MS;
  const rows: SignalRow[] = [];
  const titles = new Map<ItemKey, string>();
  for (const event of input.events) {
    const atMs = event.at === undefined ? nowMs : Math.min(Date.parse(event.at), nowMs);
    if (!(atMs >= oldestMs)) continue;
    rows.push({ item: event.item, day: dayOf(atMs), kind: event.kind });
    if (event.itemTitle !== undefined) titles.set(event.item, event.itemTitle);
  }

  return runLearnerWrite(
    db,
    actor,
    { kind: 'signals.record', clientId: input.clientId, limits: null },
    async (trx, now) => {
      const groups = await getUserGroups(trx, actor.tenantId, actor.userId);
      if (!groups) throw new Error('The signed-in user vanished mid-request');
      await upsertItemTitles(trx, actor.tenantId, titles, now);
      await applySignals(trx, actor.tenantId, actor.userId, groups, rows);
      // The receipt keeps the answer, so a retry gets the same one.
      return { targetId: String(rows.length), result: { accepted: rows.length, disabled: false } };
    },
    async (_trx, targetId) => ({ accepted: Number(targetId), disabled: false }),
  );
}

/**
 * A rating (ratings.set, reviews.upsert) counts as a 'rate' signal of its day, unless the tenant
 * has switched signals off. Runs inside the rating's transaction, so both commit or neither.
 */
export async function recordRatingSignal(db: Kysely<Database>, tenantId: string, userId: string, item: ItemKey, now: string): Promise<void> {
  const settings = await getTenantSettings(db, tenantId);
  if (!settings.signals) return;
  const groups = await getUserGroups(db, tenantId, userId);
  if (!groups) return;
  await applySignals(db, tenantId, userId, groups, [{ item, day: now.slice(0, 10), kind: 'rate' }]);
}

/** Most rows per multi-row statement (well under both engines' bound-parameter limits). */
const CHUNK = 500;

/**
 * Applies one learner's signals to every rollup: the only write path (the benchmark's bulk seeding
 * calls it too, per learner). Returns how many (item, day, kind) rows were new.
 * Rows are sorted before each multi-row upsert, so concurrent writers take row locks in one order.
 */
export async function applySignals(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  groups: SignalGroups,
  signals: readonly SignalRow[],
): Promise<number> {
  // Every signal implies a view that day; duplicates within the batch collapse.
  const wanted = new Map<string, SignalRow>();
  for (const signal of signals) {
    for (const kind of signal.kind === 'view' ? (['view'] as const) : ([signal.kind, 'view'] as const)) {
      wanted.set(`${signal.item}\u0000${signal.day}\u0000${kind}`, { item: signal.item, day: signal.day, kind });
    }
  }
  if (wanted.size === 0) return 0;
  const sorted = [...wanted.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);

  const fresh: SignalRow[] = [];
  for (const chunk of chunks(sorted, CHUNK)) {
    const inserted = await db
      .insertInto('signal_dedup')
      .values(chunk.map((row) => ({ tenant_id: tenantId, user_id: userId, item_key: row.item, day: row.day, kind: row.kind })))
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'item_key', 'day', 'kind']).doNothing())
      .returning(['item_key', 'day', 'kind'])
      .execute();
    for (const row of inserted) fresh.push({ item: row.item_key, day: row.day, kind: row.kind });
  }
  if (fresh.length === 0) return 0;
  fresh.sort((a, b) => compareKeys([a.item, a.day, a.kind], [b.item, b.day, b.kind]));

  for (const chunk of chunks(fresh, CHUNK)) {
    await db
      .insertInto('popularity_daily')
      .values(chunk.map((row) => ({ tenant_id: tenantId, item_key: row.item, team: groups.team, unit: groups.unit, day: row.day, kind: row.kind, learners: 1 })))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'item_key', 'team', 'unit', 'day', 'kind']).doUpdateSet((eb) => ({
          learners: eb('popularity_daily.learners', '+', eb.ref('excluded.learners')),
        })),
      )
      .execute();
  }

  await updateItemLearners(db, tenantId, userId, groups, fresh);
  await updateTrend(db, tenantId, groups, fresh);
  return fresh.length;
}

/** The two latest of some distinct days, latest first. */
function latestTwo(days: string[]): [string | null, string | null] {
  const sorted = [...days].sort().reverse();
  return [sorted[0] ?? null, sorted[1] ?? null];
}

// `a` if it is later than `b` (null is earlier than any day), else `b`.
const later = (a: ReturnType<typeof sql.ref>, b: ReturnType<typeof sql.ref>) =>
  sql<string | null>`case when coalesce(${a}, '') > coalesce(${b}, '') then ${a} else ${b} end`;

/**
 * Merges the new days into each item's (latest, previous) pair for the learner. New days are new
 * to this learner (dedup let them through), so the pair is the top two of the union:
 *   latest = later(old latest, new latest);
 *   previous = new latest won ? later(old latest, new previous) : later(new latest, old previous).
 */
async function updateItemLearners(db: Kysely<Database>, tenantId: string, userId: string, groups: SignalGroups, fresh: SignalRow[]) {
  const byItem = new Map<ItemKey, { viewed: string[]; completed: string[] }>();
  for (const row of fresh) {
    if (row.kind === 'rate') continue;
    const entry = byItem.get(row.item) ?? { viewed: [], completed: [] };
    (row.kind === 'view' ? entry.viewed : entry.completed).push(row.day);
    byItem.set(row.item, entry);
  }
  const withViews = [];
  const completionsOnly = [];
  for (const [item, days] of [...byItem.entries()].sort(([a], [b]) => compareKeys([a], [b]))) {
    const [viewedDay, viewedPrev] = latestTwo(days.viewed);
    const [completedDay, completedPrev] = latestTwo(days.completed);
    const base = { tenant_id: tenantId, item_key: item, user_id: userId, team: groups.team, unit: groups.unit, completed_day: completedDay, completed_prev: completedPrev };
    // A completion whose view was already recorded that day: the row exists (that view wrote it);
    // the placeholder viewed_day only matters if it somehow does not, and is true then too.
    if (viewedDay) withViews.push({ ...base, viewed_day: viewedDay, viewed_prev: viewedPrev });
    else if (completedDay) completionsOnly.push({ ...base, viewed_day: completedDay, viewed_prev: null });
  }

  const completedMerge = {
    completed_day: later(sql.ref('excluded.completed_day'), sql.ref('item_learners.completed_day')),
    completed_prev: sql<string | null>`case when coalesce(excluded.completed_day, '') > coalesce(item_learners.completed_day, '')
      then ${later(sql.ref('item_learners.completed_day'), sql.ref('excluded.completed_prev'))}
      else ${later(sql.ref('excluded.completed_day'), sql.ref('item_learners.completed_prev'))} end`,
  };
  const groupsNow = { team: sql<string>`excluded.team`, unit: sql<string>`excluded.unit` };

  for (const chunk of chunks(withViews, CHUNK)) {
    await db
      .insertInto('item_learners')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'item_key', 'user_id']).doUpdateSet({
          ...groupsNow,
          viewed_day: sql<string>`case when excluded.viewed_day > item_learners.viewed_day then excluded.viewed_day else item_learners.viewed_day end`,
          viewed_prev: sql<string | null>`case when excluded.viewed_day > item_learners.viewed_day
            then ${later(sql.ref('item_learners.viewed_day'), sql.ref('excluded.viewed_prev'))}
            else ${later(sql.ref('excluded.viewed_day'), sql.ref('item_learners.viewed_prev'))} end`,
          ...completedMerge,
        }),
      )
      .execute();
  }
  for (const chunk of chunks(completionsOnly, CHUNK)) {
    await db
      .insertInto('item_learners')
      .values(chunk)
      .onConflict((oc) => oc.columns(['tenant_id', 'item_key', 'user_id']).doUpdateSet({ ...groupsNow, ...completedMerge }))
      .execute();
  }
}

/**
 * Adds each new signal's weight to its item's trend rows: the learner's team, their unit (when
 * they have one) and the company. Per row, `settled` holds the days before `latest_day` and
 * `latest` that day; merging a batch (its own settled / latest / latest_day) keeps that true.
 */
async function updateTrend(db: Kysely<Database>, tenantId: string, groups: SignalGroups, fresh: SignalRow[]) {
  const byItem = new Map<ItemKey, SignalRow[]>();
  for (const row of fresh) byItem.set(row.item, [...(byItem.get(row.item) ?? []), row]);
  const scopes = [
    { scope: 'company' as const, unit: '', team: '' },
    ...(groups.unit ? [{ scope: 'unit' as const, unit: groups.unit, team: '' }] : []),
    { scope: 'team' as const, unit: groups.unit, team: groups.team },
  ];
  const values = [];
  for (const [item, rows] of byItem) {
    const latestDay = rows.reduce((max, row) => (row.day > max ? row.day : max), rows[0]!.day);
    let settled = 0;
    let latest = 0;
    for (const row of rows) {
      if (row.day === latestDay) latest += trendWeight(row.day);
      else settled += trendWeight(row.day);
    }
    for (const group of scopes) {
      values.push({ tenant_id: tenantId, ...group, item_key: item, settled, latest, latest_day: latestDay, rank: settled + latest });
    }
  }
  values.sort((a, b) => compareKeys([a.scope, a.unit, a.team, a.item_key], [b.scope, b.unit, b.team, b.item_key]));

  for (const chunk of chunks(values, CHUNK)) {
    await db
      .insertInto('popularity_trend')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'scope', 'unit', 'team', 'item_key']).doUpdateSet({
          settled: sql<number>`case
            when excluded.latest_day > popularity_trend.latest_day then popularity_trend.settled + popularity_trend.latest + excluded.settled
            when excluded.latest_day = popularity_trend.latest_day then popularity_trend.settled + excluded.settled
            else popularity_trend.settled + excluded.settled + excluded.latest end`,
          latest: sql<number>`case
            when excluded.latest_day > popularity_trend.latest_day then excluded.latest
            when excluded.latest_day = popularity_trend.latest_day then popularity_trend.latest + excluded.latest
            else popularity_trend.latest end`,
          latest_day: sql<string>`case when excluded.latest_day > popularity_trend.latest_day then excluded.latest_day else popularity_trend.latest_day end`,
          rank: sql<number>`popularity_trend.rank + excluded.rank`,
        }),
      )
      .execute();
  }
}

/** Titles sent with signals, so shelves can name items nobody has rated. */
async function upsertItemTitles(db: Kysely<Database>, tenantId: string, titles: Map<ItemKey, string>, now: string) {
  const values = [...titles.entries()]
    .sort(([a], [b]) => compareKeys([a], [b]))
    .flatMap(([item, title]) => {
      const parts = parseItemKey(item);
      return parts ? [{ tenant_id: tenantId, item_key: item, title, lms: parts.lms, kind: parts.kind, created_at: now, updated_at: now }] : [];
    });
  for (const chunk of chunks(values, CHUNK)) {
    await db
      .insertInto('items')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'item_key']).doUpdateSet((eb) => ({ title: eb.ref('excluded.title'), updated_at: eb.ref('excluded.updated_at') })),
      )
      .execute();
  }
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
