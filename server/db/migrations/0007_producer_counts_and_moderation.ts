import { PostgresAdapter, sql, type Kysely } from 'kysely';

// What learners produce, counted and moderated like reviews and comments:
//  - item_stats counts an item's visible contributions and its visible published posts (the
//    item summary's contributionCount and postCount), backfilled from the rows already there;
//  - contributions and posts get reports (open_report_count, last_reported_at) and posts a
//    moderation state, as reviews and comments have;
//  - reports and the moderation log accept the kinds 'contribution' and 'post', and live events
//    the kinds 'contribution', 'post' and 'notification'.
// Portable as the earlier migrations: text ids, ISO text timestamps, 0/1 integers.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  // One statement per column: SQLite adds one column per ALTER TABLE.
  await db.schema.alterTable('item_stats').addColumn('contribution_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('item_stats').addColumn('post_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await backfillItemCounts(db);

  await db.schema.alterTable('contributions').addColumn('open_report_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('contributions').addColumn('last_reported_at', 'text').execute();
  await db.schema
    .alterTable('posts')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('visible').check(sql`state in ('visible', 'pending', 'hidden')`))
    .execute();
  await db.schema.alterTable('posts').addColumn('open_report_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('posts').addColumn('last_reported_at', 'text').execute();
  // The moderation queue reads each kind by its latest report, as it does reviews and comments.
  for (const table of ['contributions', 'posts']) {
    await db.schema
      .createIndex(`${table}_reported_idx`)
      .on(table)
      .columns(['tenant_id', 'last_reported_at', 'id'])
      .where(sql.ref('open_report_count'), '>', 0)
      .execute();
  }
  // contributions.mine: the learner's own, newest first.
  await db.schema.createIndex('contributions_mine_idx').on('contributions').columns(['tenant_id', 'user_id', 'created_at', 'id']).execute();

  const contentKinds = ['review', 'comment', 'contribution', 'post'];
  await replaceCheck(db, postgres, 'content_reports', 'target_kind', ['review', 'comment'], contentKinds);
  await replaceCheck(db, postgres, 'moderation_log', 'target_kind', ['review', 'comment'], contentKinds);
  await replaceCheck(db, postgres, 'live_events', 'kind', ['summary', 'review', 'comment'], ['summary', 'review', 'comment', 'contribution', 'post', 'notification']);
}

/** Creates the missing stats rows of items with something to count, then counts. */
async function backfillItemCounts(db: Kysely<any>): Promise<void> {
  await sql`
    insert into item_stats (tenant_id, item_key, rating_count, rating_sum, stars_1, stars_2, stars_3, stars_4, stars_5, review_count, comment_count)
    select distinct counted.tenant_id, counted.item_key, 0, 0, 0, 0, 0, 0, 0, 0, 0 from (
      select tenant_id, item_key from contributions where state = 'visible'
      union
      select post_items.tenant_id, post_items.item_key from post_items join posts on posts.id = post_items.post_id where posts.status = 'published'
    ) counted
    where not exists (select 1 from item_stats s where s.tenant_id = counted.tenant_id and s.item_key = counted.item_key)`.execute(db);
  await sql`
    update item_stats set
      contribution_count = (
        select count(*) from contributions c
        where c.tenant_id = item_stats.tenant_id and c.item_key = item_stats.item_key and c.state = 'visible'),
      post_count = (
        select count(*) from post_items pi join posts p on p.id = pi.post_id
        where pi.tenant_id = item_stats.tenant_id and pi.item_key = item_stats.item_key and p.status = 'published')`.execute(db);
}

const inList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * Changes the values the check constraint of `column` allows (`before` → `after`). PostgreSQL
 * replaces the constraint in place (so live_events keeps its id sequence). SQLite cannot alter a constraint: the table is rebuilt
 * from its own stored definition with only the value list changed, its rows, indexes and
 * AUTOINCREMENT counter carried over (ids must never go back: live subscribers resume by id).
 */
async function replaceCheck(db: Kysely<any>, postgres: boolean, table: string, column: string, before: readonly string[], after: readonly string[]): Promise<void> {
  if (postgres) {
    const { rows } = await sql<{ conname: string }>`
      select conname from pg_constraint
      where conrelid = ${table}::regclass and contype = 'c' and pg_get_constraintdef(oid) like ${`CHECK ((${column} %`}`.execute(db);
    if (rows.length !== 1) throw new Error(`Expected one check constraint on ${table}.${column}, found ${rows.length}`);
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(rows[0]!.conname)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_${column}_check`)} check (${sql.raw(`${column} in (${inList(after)})`)})`.execute(db);
    return;
  }

  const { rows: tables } = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
  const definition = tables[0]?.sql ?? '';
  const oldCheck = `${column} in (${inList(before)})`;
  const rebuilt = `${table}_rebuilt`;
  const renamed = definition.replace(new RegExp(`^create table ("?)${table}\\1`, 'i'), `create table "${rebuilt}"`);
  if (!definition.includes(oldCheck) || renamed === definition) throw new Error(`Unexpected definition of ${table}: ${definition}`);
  const { rows: indexes } = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db);
  const counter = await autoincrementCounter(db, table);

  await sql.raw(renamed.replace(oldCheck, `${column} in (${inList(after)})`)).execute(db);
  await sql`insert into ${sql.table(rebuilt)} select * from ${sql.table(table)}`.execute(db);
  await sql`drop table ${sql.table(table)}`.execute(db);
  await sql`alter table ${sql.table(rebuilt)} rename to ${sql.table(table)}`.execute(db);
  for (const index of indexes) await sql.raw(index.sql).execute(db);
  if (counter !== null) {
    const updated = await sql`update sqlite_sequence set seq = max(seq, ${counter}) where name = ${table}`.execute(db);
    if (Number(updated.numAffectedRows ?? 0n) === 0) await sql`insert into sqlite_sequence (name, seq) values (${table}, ${counter})`.execute(db);
  }
}

/** The last id SQLite's AUTOINCREMENT gave in `table`, or null when it has none. */
async function autoincrementCounter(db: Kysely<any>, table: string): Promise<number | null> {
  const { rows: hasSequence } = await sql`select 1 from sqlite_master where type = 'table' and name = 'sqlite_sequence'`.execute(db);
  if (hasSequence.length === 0) return null;
  const { rows } = await sql<{ seq: number }>`select seq from sqlite_sequence where name = ${table}`.execute(db);
  return rows[0] ? Number(rows[0].seq) : null;
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.deleteFrom('live_events').where('kind', 'in', ['contribution', 'post', 'notification']).execute();
  await db.deleteFrom('moderation_log').where('target_kind', 'in', ['contribution', 'post']).execute();
  await db.deleteFrom('content_reports').where('target_kind', 'in', ['contribution', 'post']).execute();
  await replaceCheck(db, postgres, 'live_events', 'kind', ['summary', 'review', 'comment', 'contribution', 'post', 'notification'], ['summary', 'review', 'comment']);
  await replaceCheck(db, postgres, 'moderation_log', 'target_kind', ['review', 'comment', 'contribution', 'post'], ['review', 'comment']);
  await replaceCheck(db, postgres, 'content_reports', 'target_kind', ['review', 'comment', 'contribution', 'post'], ['review', 'comment']);
  await db.schema.dropIndex('contributions_mine_idx').execute();
  for (const table of ['contributions', 'posts']) await db.schema.dropIndex(`${table}_reported_idx`).execute();
  for (const column of ['last_reported_at', 'open_report_count', 'state']) await db.schema.alterTable('posts').dropColumn(column).execute();
  for (const column of ['last_reported_at', 'open_report_count']) await db.schema.alterTable('contributions').dropColumn(column).execute();
  for (const column of ['post_count', 'contribution_count']) await db.schema.alterTable('item_stats').dropColumn(column).execute();
}
