/**
 * Popularity at scale: `npx tsx test/bench/popularity.ts [events…]` (default 1000000; e.g.
 * `1000000 3000000`). Not part of `npm test`.
 *
 * Seeds one tenant with 5,000 learners (50 teams in 10 units), 10,000 items and N signal events
 * over the last 60 days, through the service's own rollup path (`applySignals`, per learner, in
 * big transactions, so the tables are exactly what live traffic would produce), then times the
 * server side of `popularity.forItems` (a page of 200 items), `shelf` and `alsoTook` through
 * createCaller: median and p95 of 20 runs. SQLite always, PostgreSQL too when DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createContextInner } from '../../server/context';
import type { Engine } from '../../server/db/connect';
import { createCaller } from '../../server/routers/_app';
import { addDays, dayOf } from '../../server/services/popularity-days';
import { applySignals, type SignalRow } from '../../server/services/signals';
import { ensureTenant } from '../../server/services/tenants';
import { openStorage, type Storage } from '../../server/storage';

const LEARNERS = 5_000;
const TEAMS = 50;
const UNITS = 10;
const ITEMS = 10_000;
const HISTORY_DAYS = 60;
const RUNS = 20;
const PAGE = 200;
/** Learners per seeding transaction. */
const LEARNERS_PER_TRANSACTION = 250;

const eventCounts = process.argv.slice(2).map(Number).filter((n) => Number.isFinite(n) && n > 0);
const EVENT_COUNTS = eventCounts.length > 0 ? eventCounts : [1_000_000];

/** Deterministic PRNG (mulberry32), so every run seeds the same data. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Zipf-like item ranks (s ≈ 1): a few items are very popular, a long tail barely touched. */
function zipfSampler(n: number, random: () => number) {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / (i + 1) ** 1.0;
  return () => {
    const target = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const itemKey = (i: number) => `moodle:lms.bench.example:course:${i}`;

interface Seeded {
  tenantId: string;
  userIds: string[];
  seedMs: number;
}

async function seed(storage: Storage, events: number): Promise<Seeded> {
  const db = storage.db;
  const started = performance.now();
  const tenant = await ensureTenant(db, { slug: 'bench', name: 'Bench' });
  const now = new Date().toISOString();
  const userIds: string[] = [];
  await db.transaction().execute(async (trx) => {
    const users = Array.from({ length: LEARNERS }, (_, i) => {
      const team = i % TEAMS;
      return { id: `u${i}`, tenant_id: tenant.id, subject: `bench:${i}`, display_name: `Learner ${i}`, team: `team-${team}`, unit: `unit-${team % UNITS}`, role: 'learner' as const, created_at: now };
    });
    for (let i = 0; i < users.length; i += 1000) await trx.insertInto('users').values(users.slice(i, i + 1000)).execute();
    for (const user of users) userIds.push(user.id);
    const items = Array.from({ length: ITEMS }, (_, i) => ({ tenant_id: tenant.id, item_key: itemKey(i), title: `Course ${i}`, lms: 'moodle', kind: 'course', created_at: now, updated_at: now }));
    for (let i = 0; i < items.length; i += 1000) await trx.insertInto('items').values(items.slice(i, i + 1000)).execute();
  });

  const random = prng(42);
  const globalItem = zipfSampler(ITEMS, random);
  const teamItem = zipfSampler(200, random);
  const today = dayOf(Date.now());
  const perLearner = Math.round(events / LEARNERS);
  for (let first = 0; first < LEARNERS; first += LEARNERS_PER_TRANSACTION) {
    await db.transaction().execute(async (trx) => {
      for (let u = first; u < Math.min(LEARNERS, first + LEARNERS_PER_TRANSACTION); u++) {
        const team = u % TEAMS;
        const rows: SignalRow[] = [];
        for (let e = 0; e < perLearner; e++) {
          // Half of what a team takes is its own corner of the catalog (team-relevant items).
          const item = random() < 0.5 ? (team * 197 + teamItem()) % ITEMS : globalItem();
          rows.push({ item: itemKey(item), day: addDays(today, -1 - Math.floor(random() * HISTORY_DAYS)), kind: random() < 0.2 ? 'complete' : 'view' });
        }
        await applySignals(trx, tenant.id, `u${u}`, { team: `team-${team}`, unit: `unit-${team % UNITS}` }, rows);
      }
    });
  }
  return { tenantId: tenant.id, userIds, seedMs: performance.now() - started };
}

async function time(runs: number, call: (run: number) => Promise<unknown>) {
  await call(-1); // warm up
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await call(run);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs * 0.5)]!, p95: times[Math.min(runs - 1, Math.floor(runs * 0.95))]! };
}

async function tableSizes(storage: Storage) {
  const count = async (table: 'signal_dedup' | 'popularity_daily' | 'item_learners' | 'popularity_trend') =>
    Number((await storage.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { dedup: await count('signal_dedup'), daily: await count('popularity_daily'), learners: await count('item_learners'), trend: await count('popularity_trend') };
}

interface Row {
  engine: Engine;
  events: number;
  seedS: number;
  sizes: Awaited<ReturnType<typeof tableSizes>>;
  forItems: { p50: number; p95: number };
  shelfTeam: { p50: number; p95: number };
  shelfCompany: { p50: number; p95: number };
  alsoTookTop: { p50: number; p95: number };
  alsoTookMid: { p50: number; p95: number };
}

async function benchOne(engine: Engine, events: number): Promise<Row> {
  const { options, dispose } = await freshDatabase(engine);
  const storage = await openStorage({ ...options, devSignIn: false });
  try {
    const seeded = await seed(storage, events);
    // Fresh statistics, as autovacuum would have after a bulk load (SQLite: the query planner's).
    await sql.raw('analyze').execute(storage.db);
    const sizes = await tableSizes(storage);
    const userId = seeded.userIds[7]!;
    const { token } = storage.auth.issueToken({ tenantId: seeded.tenantId, userId, role: 'learner' }, Date.now() + 3600_000);
    const caller = createCaller(await createContextInner({ db: storage.db, auth: storage.auth, token }));
    const random = prng(7);
    const page = () => Array.from({ length: PAGE }, () => itemKey(Math.floor(random() * ITEMS)));
    return {
      engine,
      events,
      seedS: seeded.seedMs / 1000,
      sizes,
      forItems: await time(RUNS, () => caller.popularity.forItems({ items: page() })),
      shelfTeam: await time(RUNS, () => caller.popularity.shelf({ scope: 'team', limit: 10 })),
      shelfCompany: await time(RUNS, () => caller.popularity.shelf({ scope: 'company', limit: 10 })),
      alsoTookTop: await time(RUNS, (run) => caller.popularity.alsoTook({ item: itemKey(Math.max(0, run) % 10), limit: 5 })),
      alsoTookMid: await time(RUNS, (run) => caller.popularity.alsoTook({ item: itemKey(500 + Math.max(0, run)), limit: 5 })),
    };
  } finally {
    await storage.close();
    await dispose();
  }
}

async function freshDatabase(engine: Engine): Promise<{ options: { databaseUrl?: string; dataDir?: string }; dispose: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ripple-bench-popularity-'));
    return { options: { dataDir }, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const baseUrl = process.env.DATABASE_URL!;
  const schema = `ripple_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    options: { databaseUrl: url.toString() },
    dispose: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}

const ms = (t: { p50: number; p95: number }) => `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)}`;

async function main() {
  const engines: Engine[] = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const rows: Row[] = [];
  for (const events of EVENT_COUNTS) {
    for (const engine of engines) {
      console.error(`seeding ${events.toLocaleString('en')} events on ${engine}…`);
      const row = await benchOne(engine, events);
      console.error(`  seeded in ${row.seedS.toFixed(1)} s; rows: ${JSON.stringify(row.sizes)}`);
      rows.push(row);
    }
  }
  console.log(`\nPopularity, ${LEARNERS} learners / ${TEAMS} teams / ${UNITS} units / ${ITEMS} items, events over ${HISTORY_DAYS} days; ms p50 / p95 of ${RUNS} runs (server side, createCaller)\n`);
  const header = ['engine', 'events', 'seed s', 'dedup rows', 'forItems(200)', 'shelf team', 'shelf company', 'alsoTook top item', 'alsoTook mid item'];
  const table = rows.map((r) => [r.engine, r.events.toLocaleString('en'), r.seedS.toFixed(1), r.sizes.dedup.toLocaleString('en'), ms(r.forItems), ms(r.shelfTeam), ms(r.shelfCompany), ms(r.alsoTookTop), ms(r.alsoTookMid)]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of table) console.log(line(r));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
