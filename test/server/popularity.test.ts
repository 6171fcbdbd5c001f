import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemPopularity } from '../../server/contract';
import { DAY_MS, dayOf, trendWeight } from '../../server/services/popularity-days';
import { popularityForItems, popularityShelf, withholdSmallGroups } from '../../server/services/popularity';
import { recordSignals } from '../../server/services/signals';
import { ensureTenant } from '../../server/services/tenants';
import { getTenantSettings, setTenantSettings } from '../../server/services/tenant-settings';
import { setUserUnit, upsertUser, type AuthenticatedUser } from '../../server/services/users';
import { openStorage, type Storage } from '../../server/storage';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { callerFor, expectTRPCError, newClientId, randomId, uniqueItemKey, type Caller } from './support/harness';

interface Member {
  actor: AuthenticatedUser;
  caller: Caller;
}

const NOW = Date.now();
const YESTERDAY = new Date(NOW - DAY_MS).toISOString();

describe.each(ENGINES)('popularity on %s', (engine) => {
  let database: TestDatabase;
  let storage: Storage;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    storage = await openStorage(database.options);
  });
  afterAll(async () => {
    await storage?.close();
    await database?.dispose();
  });

  /** A fresh tenant, so settings and counts of one test never touch another's. */
  async function newTenant(settings: Parameters<typeof setTenantSettings>[2] = {}): Promise<string> {
    const tenant = await ensureTenant(storage.db, { slug: `pop-${randomId(10).toLowerCase()}`, name: 'Pop' });
    await setTenantSettings(storage.db, tenant.id, settings);
    return tenant.id;
  }

  async function member(tenantId: string, team: string, unit: string | null = null): Promise<Member> {
    const user = await upsertUser(storage.db, tenantId, { subject: `test:${randomId()}`, displayName: `L ${randomId(4)}`, team, unit });
    const actor = { tenantId, userId: user.id, role: user.role };
    const { token } = storage.auth.issueToken(actor, Date.now() + 10 * 60_000);
    return { actor, caller: await callerFor(storage, token) };
  }

  async function members(tenantId: string, count: number, team: string, unit: string | null = null): Promise<Member[]> {
    const out: Member[] = [];
    for (let i = 0; i < count; i++) out.push(await member(tenantId, team, unit));
    return out;
  }

  /** Each member views (or completes) each item at `at` (default yesterday), through the procedure. */
  async function take(who: Member[], items: string[], kind: 'view' | 'complete' = 'view', at = YESTERDAY) {
    for (const m of who) {
      await m.caller.signals.record({ events: items.map((item) => ({ item, kind, at })), clientId: newClientId() });
    }
  }

  async function figuresOf(who: Member, item: string, nowMs = NOW): Promise<ItemPopularity> {
    const [result] = await popularityForItems(storage.db, who.actor, [item], nowMs);
    return result!;
  }

  it('withholds a team of 4 (null, never the number) and shows a team of 5', async () => {
    const tenantId = await newTenant();
    const item = uniqueItemKey();
    const team = await members(tenantId, 5, 'Sales', 'EMEA');
    await take(team.slice(0, 4), [item]);

    const [four] = await team[4]!.caller.popularity.forItems({ items: [item] });
    expect(four).toEqual({
      item,
      team: { viewed: null, completed: null },
      unit: { viewed: null, completed: null },
      company: { viewed: null, completed: null },
      trending: 0,
      popularWithTeam: false,
      score: null,
    });

    await take([team[4]!], [item], 'complete');
    const [five] = await team[0]!.caller.popularity.forItems({ items: [item] });
    expect(five!.team).toEqual({ viewed: 5, completed: null });
    expect(five!.unit).toEqual({ viewed: 5, completed: null });
    expect(five!.company).toEqual({ viewed: 5, completed: null });
    expect(five!.trending).toBeGreaterThan(0);
    expect(five!.popularWithTeam).toBe(true);
  });

  it('counts whole days: today is left out, yesterday is in, the 31st day back is out', async () => {
    const tenantId = await newTenant();
    const item = uniqueItemKey();
    const team = await members(tenantId, 6, 'Ops');
    const base = Date.parse('2030-03-10T12:00:00.000Z');
    for (const m of team.slice(0, 5)) {
      await recordSignals(storage.db, m.actor, { events: [{ item, kind: 'view' }], clientId: newClientId() }, base);
    }
    // Seen by 5 today: nothing shown until the day is over, however often one asks.
    expect((await figuresOf(team[0]!, item, base)).team.viewed).toBeNull();
    expect((await figuresOf(team[0]!, item, base + 3600_000)).team.viewed).toBeNull();
    expect((await figuresOf(team[0]!, item, base + DAY_MS)).team.viewed).toBe(5);

    // A 6th learner today does not move today's figure (no real-time differencing) ...
    await recordSignals(storage.db, team[5]!.actor, { events: [{ item, kind: 'view' }], clientId: newClientId() }, base + DAY_MS);
    expect((await figuresOf(team[0]!, item, base + DAY_MS)).team.viewed).toBe(5);
    expect((await figuresOf(team[0]!, item, base + DAY_MS + 11 * 3600_000)).team.viewed).toBe(5);
    // ... and the next day it moves by that whole day.
    expect((await figuresOf(team[0]!, item, base + 2 * DAY_MS)).team.viewed).toBe(6);

    // A learner who comes back today still counts for the window ending yesterday.
    await recordSignals(storage.db, team[0]!.actor, { events: [{ item, kind: 'view' }], clientId: newClientId() }, base + 2 * DAY_MS);
    expect((await figuresOf(team[0]!, item, base + 2 * DAY_MS)).team.viewed).toBe(6);

    // 30 whole days: the first 5 views (day 0) count up to day 30 and drop out on day 31; the
    // 6th (day 1) and the return visit (day 2) keep 2 in the window, below the threshold.
    expect((await figuresOf(team[0]!, item, base + 30 * DAY_MS)).team.viewed).toBe(6);
    expect((await figuresOf(team[0]!, item, base + 31 * DAY_MS)).team.viewed).toBeNull();
  });

  it('never lets unit minus team reveal a group of 1..k-1 (each small outside group, end to end)', async () => {
    for (const outside of [1, 2, 3, 4, 5]) {
      const tenantId = await newTenant();
      const item = uniqueItemKey();
      const team = await members(tenantId, 5, 'Core', 'Eng');
      const rest = await members(tenantId, outside, 'Other', 'Eng');
      await take([...team, ...rest], [item]);
      const { team: mine, unit, company } = await figuresOf(team[0]!, item);
      expect(mine.viewed).toBe(5);
      // 5 in the team, `outside` elsewhere in the unit: the unit figure would spell it out.
      expect(unit.viewed).toBe(outside >= 5 ? 10 : null);
      expect(company.viewed).toBe(outside >= 5 ? 10 : null);
      // From the other team's side (hidden team of `outside` < 5): unit − team can't be read either.
      const theirs = await figuresOf(rest[0]!, item);
      // Their team: hidden below 5; their unit − their team = my team's 5 ≥ k, so it is shown.
      expect(theirs.team.viewed).toBe(outside >= 5 ? outside : null);
      expect(theirs.unit.viewed).toBe(5 + outside);
    }
  });

  it('decays trending: half the weight a week later, recent beats old', async () => {
    const tenantId = await newTenant();
    const [recent, old] = [uniqueItemKey(), uniqueItemKey()];
    const people = await members(tenantId, 5, 'Data');
    const base = Date.parse('2030-06-10T09:00:00.000Z');
    for (const m of people) {
      await recordSignals(
        storage.db,
        m.actor,
        {
          events: [
            { item: recent, kind: 'view', at: new Date(base - DAY_MS).toISOString() },
            { item: old, kind: 'view', at: new Date(base - 6 * DAY_MS).toISOString() },
          ],
          clientId: newClientId(),
        },
        base,
      );
    }
    const now = await popularityForItems(storage.db, people[0]!.actor, [recent, old], base);
    expect(now[0]!.trending).toBeCloseTo(5 * 0.5 ** (1 / 7), 1);
    expect(now[1]!.trending).toBeCloseTo(5 * 0.5 ** (6 / 7), 1);
    expect(now[0]!.trending).toBeGreaterThan(now[1]!.trending);
    const weekLater = await popularityForItems(storage.db, people[0]!.actor, [recent], base + 7 * DAY_MS);
    expect(weekLater[0]!.trending).toBeCloseTo(now[0]!.trending / 2, 1);

    const shelf = await popularityShelf(storage.db, people[0]!.actor, { scope: 'team' }, base);
    expect(shelf.map((entry) => entry.item)).toEqual([recent, old]);
  });

  it('lists on a shelf only items whose group passes the threshold, with titles, filtered by LMS', async () => {
    const tenantId = await newTenant();
    const team = await members(tenantId, 5, 'Legal', 'Corp');
    const [popular, fewer, other] = [uniqueItemKey(), uniqueItemKey(), `docebo:acme.docebosaas.com:course:${randomId(6)}`];
    await team[0]!.caller.signals.record({ events: [{ item: popular, kind: 'view', at: YESTERDAY, itemTitle: 'Contract law 101' }], clientId: newClientId() });
    await take(team, [popular, other]);
    await take(team.slice(0, 4), [fewer]);
    await take(team.slice(0, 2), [fewer], 'view', new Date(NOW - 2 * DAY_MS).toISOString());

    for (const scope of ['team', 'unit', 'company'] as const) {
      const shelf = await team[0]!.caller.popularity.shelf({ scope });
      expect(shelf.map((entry) => entry.item).sort()).toEqual([popular, other].sort());
      expect(shelf.find((entry) => entry.item === popular)).toMatchObject({ title: 'Contract law 101', viewed: 5, completed: null, score: null });
    }
    expect((await team[0]!.caller.popularity.shelf({ scope: 'team', lms: 'moodle' })).map((e) => e.item)).toEqual([popular]);
    expect((await team[0]!.caller.popularity.shelf({ scope: 'team', site: 'acme.docebosaas.com' })).map((e) => e.item)).toEqual([other]);
    expect(await team[0]!.caller.popularity.shelf({ scope: 'company', limit: 1 })).toHaveLength(1);

    // Another team of the tenant has nothing on its team shelf, and sees the company's.
    const outsider = await member(tenantId, 'Finance', 'Corp');
    expect(await outsider.caller.popularity.shelf({ scope: 'team' })).toEqual([]);
    expect(await outsider.caller.popularity.shelf({ scope: 'unit' })).toHaveLength(2);
  });

  it('shows "also took" only when at least k colleagues took both', async () => {
    const tenantId = await newTenant();
    const [x, y, z] = [uniqueItemKey(), uniqueItemKey(), uniqueItemKey()];
    const people = await members(tenantId, 6, 'Mixed');
    await take(people.slice(0, 6), [x]);
    await take(people.slice(0, 5), [y]);
    await take(people.slice(0, 4), [z]);
    await people[0]!.caller.ratings.set({ item: y, stars: 5, clientId: newClientId() });

    const result = await people[5]!.caller.popularity.alsoTook({ item: x });
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ item: y, colleagues: 5 });
    expect(result[0]!.score).not.toBeNull();
    expect(await people[5]!.caller.popularity.alsoTook({ item: z })).toEqual([]);

    await setTenantSettings(storage.db, tenantId, { minGroupSize: 3 });
    expect((await people[5]!.caller.popularity.alsoTook({ item: z })).map((e) => [e.item, e.colleagues])).toEqual(
      expect.arrayContaining([[x, 4], [y, 4]]),
    );
  });

  it('dedups per learner, item and day; a retried batch is applied once', async () => {
    const tenantId = await newTenant();
    const item = uniqueItemKey();
    const people = await members(tenantId, 5, 'QA');
    for (const m of people) {
      const batch = { events: [{ item, kind: 'view' as const, at: YESTERDAY }, { item, kind: 'view' as const, at: YESTERDAY }], clientId: newClientId() };
      expect(await m.caller.signals.record(batch)).toEqual({ accepted: 2, disabled: false });
      expect(await m.caller.signals.record(batch)).toEqual({ accepted: 2, disabled: false });
      await m.caller.signals.record({ ...batch, clientId: newClientId() });
    }
    expect((await figuresOf(people[0]!, item)).company.viewed).toBe(5);
    const daily = await storage.db.selectFrom('popularity_daily').selectAll().where('tenant_id', '=', tenantId).execute();
    expect(daily).toEqual([expect.objectContaining({ item_key: item, day: dayOf(NOW - DAY_MS), kind: 'view', learners: 5 })]);
    const dedup = await storage.db.selectFrom('signal_dedup').selectAll().where('tenant_id', '=', tenantId).execute();
    expect(dedup).toHaveLength(5);

    // Too old (more than 7 days): dropped, not counted; a future time counts as now.
    const old = await people[0]!.caller.signals.record({
      events: [
        { item, kind: 'view', at: new Date(NOW - 8 * DAY_MS).toISOString() },
        { item, kind: 'view', at: new Date(NOW + 9 * DAY_MS).toISOString() },
      ],
      clientId: newClientId(),
    });
    expect(old).toEqual({ accepted: 1, disabled: false });
    const days = await storage.db.selectFrom('signal_dedup').select('day').where('tenant_id', '=', tenantId).where('user_id', '=', people[0]!.actor.userId).execute();
    expect(days.map((row) => row.day).sort()).toEqual([dayOf(NOW - DAY_MS), dayOf(Date.now())].sort());
  });

  it('keeps every rollup equal to a recount of the dedup rows, whatever order signals arrive in', async () => {
    const tenantId = await newTenant();
    const items = [uniqueItemKey(), uniqueItemKey(), uniqueItemKey()];
    const people = [...(await members(tenantId, 3, 'A', 'U')), ...(await members(tenantId, 2, 'B', null))];
    const base = Date.parse('2030-09-20T10:00:00.000Z');
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 25; round++) {
      const m = people[random(people.length)]!;
      const events = Array.from({ length: 1 + random(4) }, () => ({
        item: items[random(items.length)]!,
        kind: random(3) === 0 ? ('complete' as const) : ('view' as const),
        at: new Date(base - random(7) * DAY_MS).toISOString(),
      }));
      await recordSignals(storage.db, m.actor, { events, clientId: newClientId() }, base);
    }
    const db = storage.db;
    const dedup = await db.selectFrom('signal_dedup').selectAll().where('tenant_id', '=', tenantId).execute();
    const users = await db.selectFrom('users').select(['id', 'team', 'unit']).where('tenant_id', '=', tenantId).execute();
    const userOf = new Map(users.map((u) => [u.id, { team: u.team, unit: u.unit ?? '' }]));

    const daily = await db.selectFrom('popularity_daily').selectAll().where('tenant_id', '=', tenantId).execute();
    const recount = new Map<string, number>();
    for (const row of dedup) {
      const g = userOf.get(row.user_id)!;
      const key = [row.item_key, g.team, g.unit, row.day, row.kind].join('|');
      recount.set(key, (recount.get(key) ?? 0) + 1);
    }
    expect(new Map(daily.map((row) => [[row.item_key, row.team, row.unit, row.day, row.kind].join('|'), row.learners]))).toEqual(recount);

    const learners = await db.selectFrom('item_learners').selectAll().where('tenant_id', '=', tenantId).execute();
    for (const row of learners) {
      const mine = dedup.filter((d) => d.user_id === row.user_id && d.item_key === row.item_key);
      const top = (kind: string) => mine.filter((d) => d.kind === kind).map((d) => d.day).sort().reverse();
      expect([row.viewed_day, row.viewed_prev]).toEqual([top('view')[0], top('view')[1] ?? null]);
      expect([row.completed_day, row.completed_prev]).toEqual([top('complete')[0] ?? null, top('complete')[1] ?? null]);
    }

    const trend = await db.selectFrom('popularity_trend').selectAll().where('tenant_id', '=', tenantId).execute();
    for (const row of trend) {
      const inGroup = dedup.filter((d) => {
        const g = userOf.get(d.user_id)!;
        return d.item_key === row.item_key && (row.scope === 'company' || (g.unit === row.unit && (row.scope === 'unit' || g.team === row.team)));
      });
      const latestDay = inGroup.map((d) => d.day).sort().at(-1);
      const weight = (rows: typeof inGroup) => rows.reduce((sum, d) => sum + trendWeight(d.day), 0);
      expect(row.latest_day).toBe(latestDay);
      // Weights grow with the date (2^(days since 2025 / 7)): compare relative to the total.
      const total = weight(inGroup);
      expect(row.latest / total).toBeCloseTo(weight(inGroup.filter((d) => d.day === latestDay)) / total, 9);
      expect(row.settled / total).toBeCloseTo(weight(inGroup.filter((d) => d.day !== latestDay)) / total, 9);
      expect(row.rank / total).toBeCloseTo(1, 9);
    }
    expect(new Set(trend.map((row) => row.scope))).toEqual(new Set(['company', 'unit', 'team']));
  });

  it('counts ratings as signals, unless the tenant switched signals off (then batches are dropped)', async () => {
    const tenantId = await newTenant();
    const rated = uniqueItemKey();
    const people = await members(tenantId, 5, 'Raters');
    for (const m of people) await m.caller.ratings.set({ item: rated, stars: 4, clientId: newClientId() });
    const kinds = await storage.db.selectFrom('signal_dedup').select('kind').where('tenant_id', '=', tenantId).execute();
    expect(kinds.map((row) => row.kind).sort()).toEqual([...Array(5).fill('rate'), ...Array(5).fill('view')]);
    expect((await figuresOf(people[0]!, rated, NOW + DAY_MS)).team.viewed).toBe(5);

    const off = await newTenant({ signals: false });
    expect((await getTenantSettings(storage.db, off)).signals).toBe(false);
    const quiet = await members(off, 5, 'Quiet');
    const item = uniqueItemKey();
    for (const m of quiet) {
      expect(await m.caller.signals.record({ events: [{ item, kind: 'view', at: YESTERDAY }], clientId: newClientId() })).toEqual({ accepted: 0, disabled: true });
      await m.caller.ratings.set({ item, stars: 3, clientId: newClientId() });
    }
    for (const table of ['signal_dedup', 'popularity_daily', 'item_learners', 'popularity_trend'] as const) {
      expect(await storage.db.selectFrom(table).selectAll().where('tenant_id', '=', off).execute()).toEqual([]);
    }
    expect((await figuresOf(quiet[0]!, item, NOW + DAY_MS)).team.viewed).toBeNull();
  });

  it('refuses a minimum group size below 3, and applies 3', async () => {
    const tenantId = await newTenant();
    expect((await getTenantSettings(storage.db, tenantId)).minGroupSize).toBe(5);
    for (const bad of [2, 1, 0, -5, 3.5]) {
      await expect(setTenantSettings(storage.db, tenantId, { minGroupSize: bad })).rejects.toThrow(RangeError);
    }
    expect((await getTenantSettings(storage.db, tenantId)).minGroupSize).toBe(5);
    await setTenantSettings(storage.db, tenantId, { minGroupSize: 3 });
    const item = uniqueItemKey();
    const trio = await members(tenantId, 3, 'Trio');
    await take(trio.slice(0, 2), [item]);
    expect((await figuresOf(trio[0]!, item)).team.viewed).toBeNull();
    await take([trio[2]!], [item]);
    expect((await figuresOf(trio[0]!, item)).team.viewed).toBe(3);
  });

  it("treats a learner's unit as the whole company when they have none, and follows a changed unit", async () => {
    const tenantId = await newTenant();
    const item = uniqueItemKey();
    const people = await members(tenantId, 5, 'Solo');
    await take(people, [item]);
    const figures = await figuresOf(people[0]!, item);
    expect(figures.unit).toEqual(figures.company);
    expect(figures.unit.viewed).toBe(5);
    await setUserUnit(storage.db, tenantId, people[0]!.actor.userId, 'Research');
    // Their team is now (Solo, Research), where nobody took it yet.
    expect((await figuresOf(people[0]!, item)).team.viewed).toBeNull();
    expect((await figuresOf(people[0]!, item)).company.viewed).toBe(5);
  });

  it('keeps tenants apart: another tenant sees none of the first one', async () => {
    const first = await newTenant({ minGroupSize: 3 });
    const second = await newTenant({ minGroupSize: 3 });
    const item = uniqueItemKey();
    const other = uniqueItemKey();
    const here = await members(first, 5, 'Same', 'Same');
    await take(here, [item, other]);
    const there = await member(second, 'Same', 'Same');
    expect(await there.caller.popularity.forItems({ items: [item] })).toEqual([
      expect.objectContaining({ team: { viewed: null, completed: null }, unit: { viewed: null, completed: null }, company: { viewed: null, completed: null }, trending: 0 }),
    ]);
    for (const scope of ['team', 'unit', 'company'] as const) expect(await there.caller.popularity.shelf({ scope })).toEqual([]);
    expect(await there.caller.popularity.alsoTook({ item })).toEqual([]);
    expect((await here[0]!.caller.popularity.alsoTook({ item })).map((e) => e.item)).toEqual([other]);
  });

  it('validates input: batch size, kinds, items per request; requires sign-in', async () => {
    const tenantId = await newTenant();
    const m = await member(tenantId, 'V');
    const item = uniqueItemKey();
    await expectTRPCError(m.caller.signals.record({ events: [], clientId: newClientId() }), 'BAD_REQUEST');
    await expectTRPCError(
      m.caller.signals.record({ events: Array.from({ length: 201 }, () => ({ item, kind: 'view' as const })), clientId: newClientId() }),
      'BAD_REQUEST',
    );
    await expectTRPCError(m.caller.signals.record({ events: [{ item, kind: 'rate' as never }], clientId: newClientId() }), 'BAD_REQUEST');
    await expectTRPCError(m.caller.popularity.forItems({ items: Array.from({ length: 501 }, () => item) }), 'BAD_REQUEST');
    await expectTRPCError(m.caller.popularity.shelf({ scope: 'team', limit: 21 }), 'BAD_REQUEST');
    const anonymous = await callerFor(storage);
    await expectTRPCError(anonymous.popularity.forItems({ items: [item] }), 'UNAUTHORIZED');
    await expectTRPCError(anonymous.signals.record({ events: [{ item, kind: 'view' }], clientId: newClientId() }), 'UNAUTHORIZED');
  });
});

describe('withholdSmallGroups', () => {
  it('rules out small differences between any two shown nested figures (exhaustive over small groups)', () => {
    const violations: string[] = [];
    let shownSome = 0;
    for (const k of [3, 5]) {
      const n = k + 3;
      for (let tv = 0; tv <= n; tv++)
        for (let tc = 0; tc <= tv; tc++)
          for (let uo = 0; uo <= n; uo++)
            for (let uoc = 0; uoc <= uo; uoc++)
              for (const co of [0, 1, k - 1, k, 2 * k]) {
                const raw = {
                  team: { viewed: tv, completed: tc },
                  unit: { viewed: tv + uo, completed: tc + uoc },
                  company: { viewed: tv + uo + co, completed: tc + uoc + Math.min(co, 1) },
                };
                const shown = withholdSmallGroups(raw, k);
                if (shown.unit.viewed !== null && shown.team.viewed !== null && shown.unit.viewed !== shown.team.viewed) shownSome++;
                const figures = (['team', 'unit', 'company'] as const).flatMap((level, depth) =>
                  (['viewed', 'completed'] as const).map((measure) => ({ depth, measure, value: shown[level][measure], exact: raw[level][measure] })),
                );
                for (const f of figures) {
                  if (f.value !== null && (f.value !== f.exact || f.value < k)) violations.push(`value k=${k} ${JSON.stringify(raw)}`);
                }
                for (const a of figures)
                  for (const b of figures) {
                    const nested = a.depth <= b.depth && (b.measure === 'viewed' || a.measure === 'completed') && a !== b;
                    if (!nested) continue;
                    if (a.value !== null && b.value !== null) {
                      const d = b.value - a.value;
                      if (!(d === 0 || d >= k)) violations.push(`k=${k} ${JSON.stringify(raw)}`);
                    }
                    // A wider figure of the same measure beside a hidden narrower one: not 1..k-1 apart.
                    if (a.measure === b.measure && a.value === null && b.value !== null) {
                      const d = b.value - a.exact;
                      if (!(d === 0 || d >= k)) violations.push(`hidden k=${k} ${JSON.stringify(raw)}`);
                    }
                  }
              }
    }
    expect(violations.slice(0, 5)).toEqual([]);
    // Not vacuous: team and a different unit figure are shown together in many cases.
    expect(shownSome).toBeGreaterThan(100);
  });
});
