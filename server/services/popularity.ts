import { sql, type Kysely } from 'kysely';
import {
  DEFAULT_ALSO_TOOK_LIMIT,
  DEFAULT_SHELF_LIMIT,
  parseItemKey,
  type AlsoTookEntry,
  type AlsoTookInput,
  type GroupFigures,
  type ItemKey,
  type ItemPopularity,
  type PopularityScope,
  type ShelfEntry,
  type ShelfInput,
} from '../contract';
import type { Database, PopularityScopeValue } from '../db/schema';
import { addDays, ALSO_TOOK_WINDOW_DAYS, dayOf, trendingValue, WINDOW_DAYS } from './popularity-days';
import { bayesianScore, priorMean } from './score';
import { getTenantSettings } from './tenant-settings';
import { getUserGroups, type AuthenticatedUser } from './users';

/*
 * Privacy rules for every figure about people (README-ready wording in the report of issue 5):
 *
 * 1. Only counts of distinct people, only over whole UTC days: the window is the 30 days before
 *    today, today left out. Every query during a day answers the same figures, so watching a count
 *    while a colleague opens a course reveals nothing; from one day to the next a figure moves by
 *    the net change of a whole day (arrivals and departures of the whole group), never in real time.
 * 2. A figure is shown only when it counts at least the tenant's minimum group size k (default 5,
 *    never below 3); otherwise it is null — 0 too, so null never tells "nobody" from "a few".
 * 3. Differencing: figures about nested groups (my team ⊆ my unit ⊆ the company; completed ⊆
 *    viewed) let a reader subtract. A figure is shown only if, against every figure shown before it
 *    about a nested group, the difference is 0 or ≥ k; and a wider figure of the same measure is
 *    also withheld when its difference with a narrower hidden one is between 1 and k−1 (team hidden
 *    at 3 and unit at 6 would say "3 outside your team"). Order: team, unit, company views, then
 *    completions. A learner without a unit has the company as unit (difference 0, both shown).
 * 4. The team and unit are always the caller's own, from the database, never from input; a shelf
 *    lists an item only when its figure passes these same rules (same numbers as forItems), and
 *    "also took" shows an item only when ≥ k colleagues took both.
 * 5. Trending (a ranking value) leaves today out too, is rounded to 1 decimal, and is 0 wherever
 *    the figure of its group is withheld.
 */

interface RawFigures {
  team: { viewed: number; completed: number };
  unit: { viewed: number; completed: number };
  company: { viewed: number; completed: number };
}

type Level = keyof RawFigures;
type Measure = 'viewed' | 'completed';
const LEVELS: Level[] = ['team', 'unit', 'company'];

/** A ⊆ B for these figures' groups of people (team ⊆ unit ⊆ company, completed ⊆ viewed). */
function contains(outer: [Level, Measure], inner: [Level, Measure]): boolean {
  return LEVELS.indexOf(inner[0]) <= LEVELS.indexOf(outer[0]) && (outer[1] === 'viewed' || inner[1] === 'completed');
}

/** Applies rules 2 and 3 above to one item's exact figures. */
export function withholdSmallGroups(raw: RawFigures, minGroupSize: number): Record<Level, GroupFigures> {
  const k = minGroupSize;
  const order: [Level, Measure][] = [
    ['team', 'viewed'],
    ['unit', 'viewed'],
    ['company', 'viewed'],
    ['team', 'completed'],
    ['unit', 'completed'],
    ['company', 'completed'],
  ];
  const safeDifference = (d: number) => d === 0 || d >= k;
  const shown: [Level, Measure][] = [];
  const result: Record<Level, GroupFigures> = {
    team: { viewed: null, completed: null },
    unit: { viewed: null, completed: null },
    company: { viewed: null, completed: null },
  };
  for (const figure of order) {
    const value = raw[figure[0]][figure[1]];
    if (value < k) continue;
    const againstShown = shown.every((other) => {
      if (!contains(figure, other) && !contains(other, figure)) return true;
      return safeDifference(Math.abs(value - raw[other[0]][other[1]]));
    });
    const againstHiddenNarrower = LEVELS.slice(0, LEVELS.indexOf(figure[0])).every((level) => {
      const inner = raw[level][figure[1]];
      return result[level][figure[1]] !== null || safeDifference(value - inner);
    });
    if (againstShown && againstHiddenNarrower) {
      shown.push(figure);
      result[figure[0]][figure[1]] = value;
    }
  }
  return result;
}

/** The 30 whole days before `today`: [start, today). */
function windowOf(today: string, days: number) {
  return { start: addDays(today, -days), today };
}

/**
 * The learner's latest day of `measure` before today: the latest day itself, or (when that is
 * today) the one before it. Compared with the window's start, it says "in the window" for a
 * window ending yesterday, from the last-seen row alone.
 */
function dayBeforeToday(measure: Measure, today: string) {
  const [day, prev] = measure === 'viewed' ? ['viewed_day', 'viewed_prev'] : ['completed_day', 'completed_prev'];
  return sql`(case when ${sql.ref(day!)} < ${today} then ${sql.ref(day!)} else ${sql.ref(prev!)} end)`;
}

/**
 * Exact distinct-people figures per item over the window, from item_learners (one index range
 * per item: the item's learners seen since the window's start). A learner without a unit has the
 * company as unit.
 */
async function rawFigures(
  db: Kysely<Database>,
  tenantId: string,
  groups: { team: string; unit: string },
  items: readonly ItemKey[],
  today: string,
): Promise<Map<ItemKey, RawFigures>> {
  const { start } = windowOf(today, WINDOW_DAYS);
  const viewedIn = sql`${dayBeforeToday('viewed', today)} >= ${start}`;
  const completedIn = sql`${dayBeforeToday('completed', today)} >= ${start}`;
  const inTeam = sql`team = ${groups.team} and unit = ${groups.unit}`;
  const inUnit = sql`unit = ${groups.unit}`;
  const count = (condition: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;
  const figures = new Map<ItemKey, RawFigures>();
  if (items.length === 0) return figures;
  const rows = await db
    .selectFrom('item_learners')
    .select([
      'item_key',
      count(sql`${inTeam} and ${viewedIn}`).as('team_viewed'),
      count(sql`${inTeam} and ${completedIn}`).as('team_completed'),
      count(sql`${inUnit} and ${viewedIn}`).as('unit_viewed'),
      count(sql`${inUnit} and ${completedIn}`).as('unit_completed'),
      count(viewedIn).as('company_viewed'),
      count(completedIn).as('company_completed'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('item_key', 'in', items)
    .where('viewed_day', '>=', start)
    .groupBy('item_key')
    .execute();
  for (const row of rows) {
    const company = { viewed: Number(row.company_viewed), completed: Number(row.company_completed) };
    figures.set(row.item_key, {
      team: { viewed: Number(row.team_viewed), completed: Number(row.team_completed) },
      unit: groups.unit ? { viewed: Number(row.unit_viewed), completed: Number(row.unit_completed) } : company,
      company,
    });
  }
  return figures;
}

const NO_ONE: RawFigures = { team: { viewed: 0, completed: 0 }, unit: { viewed: 0, completed: 0 }, company: { viewed: 0, completed: 0 } };

/** Trend rows of one group for some items. */
async function trendRows(
  db: Kysely<Database>,
  tenantId: string,
  group: { scope: PopularityScopeValue; unit: string; team: string },
  items: readonly ItemKey[],
) {
  if (items.length === 0) return new Map<ItemKey, { settled: number; latest: number; latest_day: string }>();
  const rows = await db
    .selectFrom('popularity_trend')
    .select(['item_key', 'settled', 'latest', 'latest_day'])
    .where('tenant_id', '=', tenantId)
    .where('scope', '=', group.scope)
    .where('unit', '=', group.unit)
    .where('team', '=', group.team)
    .where('item_key', 'in', items)
    .execute();
  return new Map(rows.map((row) => [row.item_key, row]));
}

/** Rating scores (Bayesian, as items.summaries) and titles for some items. */
async function scoresAndTitles(db: Kysely<Database>, tenantId: string, items: readonly ItemKey[]) {
  if (items.length === 0) return { scoreOf: () => null, titleOf: () => null };
  const [stats, tenant, titles] = await Promise.all([
    db.selectFrom('item_stats').select(['item_key', 'rating_count', 'rating_sum']).where('tenant_id', '=', tenantId).where('item_key', 'in', items).execute(),
    db.selectFrom('tenant_stats').select(['rating_count', 'rating_sum']).where('tenant_id', '=', tenantId).executeTakeFirst(),
    db.selectFrom('items').select(['item_key', 'title']).where('tenant_id', '=', tenantId).where('item_key', 'in', items).execute(),
  ]);
  const prior = priorMean(tenant?.rating_count ?? 0, tenant?.rating_sum ?? 0);
  const scores = new Map(stats.map((row) => [row.item_key, bayesianScore(row.rating_count, row.rating_sum, prior)]));
  const titleMap = new Map(titles.map((row) => [row.item_key, row.title]));
  return {
    scoreOf: (item: ItemKey): number | null => scores.get(item) ?? null,
    titleOf: (item: ItemKey): string | null => titleMap.get(item) ?? null,
  };
}

/**
 * The bar of "popular with your team": the team figure is shown, at least a tenth of the team took
 * it, and a share 1.5× that of the rest of the company (so company-wide mandatory training is not
 * "popular with your team" everywhere).
 */
export const POPULAR_WITH_TEAM_MIN_SHARE = 0.1;
export const POPULAR_WITH_TEAM_LIFT = 1.5;

async function groupSizes(db: Kysely<Database>, tenantId: string, groups: { team: string; unit: string }) {
  const unitMatch = groups.unit ? sql`unit = ${groups.unit}` : sql`unit is null`;
  const row = await db
    .selectFrom('users')
    .select([
      sql<number>`coalesce(sum(case when team = ${groups.team} and ${unitMatch} then 1 else 0 end), 0)`.as('team'),
      sql<number>`count(*)`.as('company'),
    ])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return { team: Number(row?.team ?? 0), company: Number(row?.company ?? 0) };
}

async function callerGroups(db: Kysely<Database>, viewer: AuthenticatedUser) {
  const groups = await getUserGroups(db, viewer.tenantId, viewer.userId);
  if (!groups) throw new Error('The signed-in user vanished mid-request');
  return groups;
}

/** `popularity.forItems`: the figures of a page of items for the caller. Input order, no duplicates. */
export async function popularityForItems(
  db: Kysely<Database>,
  viewer: AuthenticatedUser,
  keys: readonly ItemKey[],
  nowMs = Date.now(),
): Promise<ItemPopularity[]> {
  const items = [...new Set(keys)];
  const today = dayOf(nowMs);
  const groups = await callerGroups(db, viewer);
  const [settings, figures, trends, extras, sizes] = await Promise.all([
    getTenantSettings(db, viewer.tenantId),
    rawFigures(db, viewer.tenantId, groups, items, today),
    trendRows(db, viewer.tenantId, { scope: 'company', unit: '', team: '' }, items),
    scoresAndTitles(db, viewer.tenantId, items),
    groupSizes(db, viewer.tenantId, groups),
  ]);
  return items.map((item) => {
    const raw = figures.get(item) ?? NO_ONE;
    const shown = withholdSmallGroups(raw, settings.minGroupSize);
    const trend = trends.get(item);
    const teamShare = sizes.team > 0 ? raw.team.viewed / sizes.team : 0;
    const restSize = sizes.company - sizes.team;
    const restShare = restSize > 0 ? (raw.company.viewed - raw.team.viewed) / restSize : 0;
    return {
      item,
      ...shown,
      trending: trend && shown.company.viewed !== null ? trendingValue(trend, today) : 0,
      popularWithTeam:
        shown.team.viewed !== null && teamShare >= POPULAR_WITH_TEAM_MIN_SHARE && teamShare >= POPULAR_WITH_TEAM_LIFT * restShare,
      score: extras.scoreOf(item),
    };
  });
}

/** The trend group of a scope for the caller; a learner without a unit has the company as unit. */
function trendGroup(scope: PopularityScope, groups: { team: string; unit: string }) {
  if (scope === 'team') return { scope: 'team' as const, unit: groups.unit, team: groups.team };
  if (scope === 'unit' && groups.unit) return { scope: 'unit' as const, unit: groups.unit, team: '' };
  return { scope: 'company' as const, unit: '', team: '' };
}

/** Escapes LIKE wildcards (with `escape '\'`). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Candidates fetched per round, and the most rounds, before a shelf settles for fewer items. */
const SHELF_CANDIDATE_FACTOR = 5;
const SHELF_MAX_ROUNDS = 4;

/**
 * `popularity.shelf`: the scope's top items by trending (up to yesterday), only those whose
 * figure for that scope is shown by forItems' rules. Candidates come off the trend index by rank
 * (which includes today), then are re-ranked by trending without today.
 */
export async function popularityShelf(db: Kysely<Database>, viewer: AuthenticatedUser, input: ShelfInput, nowMs = Date.now()): Promise<ShelfEntry[]> {
  const limit = input.limit ?? DEFAULT_SHELF_LIMIT;
  const today = dayOf(nowMs);
  const groups = await callerGroups(db, viewer);
  const settings = await getTenantSettings(db, viewer.tenantId);
  const group = trendGroup(input.scope, groups);
  const pattern = input.lms
    ? `${likeLiteral(input.site ? `${input.lms}:${input.site}:` : `${input.lms}:`)}%`
    : input.site
      ? `%:${likeLiteral(input.site)}:%`
      : null;
  const matches = (item: ItemKey) => {
    const parts = parseItemKey(item);
    return !!parts && (!input.lms || parts.lms === input.lms) && (!input.site || parts.site === input.site);
  };

  const batch = limit * SHELF_CANDIDATE_FACTOR;
  const passing: { item: ItemKey; viewed: number | null; completed: number | null; trending: number }[] = [];
  for (let round = 0; round < SHELF_MAX_ROUNDS && passing.length < limit; round++) {
    let query = db
      .selectFrom('popularity_trend')
      .select(['item_key', 'settled', 'latest', 'latest_day'])
      .where('tenant_id', '=', viewer.tenantId)
      .where('scope', '=', group.scope)
      .where('unit', '=', group.unit)
      .where('team', '=', group.team);
    if (pattern) query = query.where(sql<boolean>`item_key like ${pattern} escape '\\'`);
    const candidates = await query.orderBy('rank', 'desc').orderBy('item_key').limit(batch).offset(round * batch).execute();
    const kept = candidates.filter((row) => matches(row.item_key));
    const figures = await rawFigures(db, viewer.tenantId, groups, kept.map((row) => row.item_key), today);
    for (const row of kept) {
      const shown = withholdSmallGroups(figures.get(row.item_key) ?? NO_ONE, settings.minGroupSize)[input.scope];
      const trending = trendingValue(row, today);
      if (shown.viewed !== null && trending > 0) passing.push({ item: row.item_key, ...shown, trending });
    }
    if (candidates.length < batch) break;
  }
  passing.sort((a, b) => b.trending - a.trending || (a.item < b.item ? -1 : 1));
  const top = passing.slice(0, limit);
  const extras = await scoresAndTitles(db, viewer.tenantId, top.map((entry) => entry.item));
  return top.map((entry) => ({ ...entry, title: extras.titleOf(entry.item), score: extras.scoreOf(entry.item) }));
}

/**
 * Most recent learners of an item that "also took" looks at: bounds the work for a very popular
 * item (each brings their ~90 days of items); counts are then over these learners.
 */
export const ALSO_TOOK_MAX_LEARNERS = 1000;

/**
 * `popularity.alsoTook`: items that the colleagues (whole tenant) who took this item in the last
 * 90 whole days also took in that window, each only when ≥ k such colleagues; most shared first,
 * then by rating score.
 */
export async function alsoTook(db: Kysely<Database>, viewer: AuthenticatedUser, input: AlsoTookInput, nowMs = Date.now()): Promise<AlsoTookEntry[]> {
  const limit = input.limit ?? DEFAULT_ALSO_TOOK_LIMIT;
  const today = dayOf(nowMs);
  const { start } = windowOf(today, ALSO_TOOK_WINDOW_DAYS);
  const settings = await getTenantSettings(db, viewer.tenantId);
  const k = settings.minGroupSize;
  const inWindow = sql<boolean>`${dayBeforeToday('viewed', today)} >= ${start}`;

  const takers = db
    .selectFrom('item_learners')
    .select('user_id')
    .where('tenant_id', '=', viewer.tenantId)
    .where('item_key', '=', input.item)
    .where('viewed_day', '>=', start)
    .where(inWindow)
    .orderBy('viewed_day', 'desc')
    .limit(ALSO_TOOK_MAX_LEARNERS);
  const rows = await db
    .selectFrom('item_learners')
    .select((eb) => ['item_key', eb.fn.countAll<number>().as('colleagues')])
    .where('tenant_id', '=', viewer.tenantId)
    .where('user_id', 'in', takers)
    .where('item_key', '<>', input.item)
    .where('viewed_day', '>=', start)
    .where(inWindow)
    .groupBy('item_key')
    .having((eb) => eb.fn.countAll(), '>=', k)
    .orderBy('colleagues', 'desc')
    .orderBy('item_key')
    .limit(limit * 4)
    .execute();

  const extras = await scoresAndTitles(db, viewer.tenantId, rows.map((row) => row.item_key));
  return rows
    .map((row) => ({ item: row.item_key, title: extras.titleOf(row.item_key), colleagues: Number(row.colleagues), score: extras.scoreOf(row.item_key) }))
    .sort((a, b) => b.colleagues - a.colleagues || (b.score ?? 0) - (a.score ?? 0) || (a.item < b.item ? -1 : 1))
    .slice(0, limit);
}
