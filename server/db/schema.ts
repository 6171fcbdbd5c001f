import type { Generated } from 'kysely';
import type { Profile } from '../contract';

/**
 * Row types of every table, as Kysely sees them. Timestamps are ISO-8601 text and counts are plain
 * integers, so the same migrations and queries run unchanged on SQLite and PostgreSQL.
 */
export type Role = Profile['role'];

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  tenant_id: string;
  /** The identity provider's subject; dev sign-in stores `dev:<subject>` so it never collides. */
  subject: string;
  display_name: string;
  team: string;
  unit: string | null;
  role: Role;
  created_at: string;
}

export interface ItemsTable {
  tenant_id: string;
  item_key: string;
  title: string | null;
  lms: string;
  kind: string;
  created_at: string;
  updated_at: string;
}

export interface RatingsTable {
  tenant_id: string;
  item_key: string;
  user_id: string;
  stars: number;
  /** Client-generated id of the write that produced this row, so a retried write is applied once. */
  client_id: string;
  created_at: string;
  updated_at: string;
}

/** Rating aggregates per item, maintained in the same transaction as every rating write. */
export interface ItemStatsTable {
  tenant_id: string;
  item_key: string;
  rating_count: number;
  rating_sum: number;
  stars_1: number;
  stars_2: number;
  stars_3: number;
  stars_4: number;
  stars_5: number;
  /** Reviews everyone can see (state visible). */
  review_count: Generated<number>;
  /** Comments and replies everyone can see (state visible, not deleted). */
  comment_count: Generated<number>;
  /** Contributions everyone can see (state visible). */
  contribution_count: Generated<number>;
  /** Posts about the item everyone can see (published, state visible). */
  post_count: Generated<number>;
  /** Bumped by every change to the figures above: orders summaries read at different times. */
  revision: Generated<number>;
}

export interface TenantSettingsTable {
  tenant_id: string;
  report_threshold: number;
  /** 0/1. */
  pseudonyms: number;
  pseudonym_secret: string;
  /** 0/1: record learners' view/complete/rate signals (popularity). */
  signals: Generated<number>;
  /** Smallest group whose people-count is shown (≥ 3). */
  min_group_size: Generated<number>;
  /** Deleting an account: 'anonymize' (default; content kept as "Former colleague") or 'remove'. */
  on_account_delete: Generated<'remove' | 'anonymize'>;
  updated_at: string;
}

/** Tenant-wide rating totals (the ranking prior), maintained with every rating write. */
export interface TenantStatsTable {
  tenant_id: string;
  rating_count: number;
  rating_sum: number;
}

export type ContentStateValue = 'visible' | 'pending' | 'hidden';
/** What reports and the moderation log are about. */
export type ContentKindValue = 'review' | 'comment' | 'contribution' | 'post';
/** What helpful votes (of this table; contributions have their own) are about. */
export type VotableKindValue = 'review' | 'comment';

export interface ReviewsTable {
  id: string;
  tenant_id: string;
  item_key: string;
  user_id: string;
  stars: number;
  title: string | null;
  body: string;
  /** 0/1. */
  completed: number;
  state: ContentStateValue;
  helpful_count: number;
  open_report_count: number;
  last_reported_at: string | null;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
}

export interface CommentsTable {
  id: string;
  tenant_id: string;
  item_key: string;
  user_id: string;
  parent_id: string | null;
  body: string | null;
  /** 0/1. */
  deleted: number;
  state: ContentStateValue;
  helpful_count: number;
  reply_count: number;
  open_report_count: number;
  last_reported_at: string | null;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

export interface HelpfulVotesTable {
  tenant_id: string;
  target_kind: VotableKindValue;
  target_id: string;
  user_id: string;
  created_at: string;
}

export interface ContentReportsTable {
  id: string;
  tenant_id: string;
  target_kind: ContentKindValue;
  target_id: string;
  user_id: string;
  reason: 'spam' | 'abuse' | 'off-topic' | 'other';
  note: string | null;
  /** 0/1. */
  resolved: number;
  created_at: string;
}

export interface ModerationLogTable {
  id: Generated<number>;
  tenant_id: string;
  target_kind: ContentKindValue;
  target_id: string;
  /** '' for a post about no item. */
  item_key: string;
  action: 'auto-hide' | 'hide' | 'restore' | 'delete';
  actor_id: string | null;
  note: string | null;
  created_at: string;
}

/** Receipts of applied learner writes: idempotency by client id, and the rate limiter's count. */
export interface ClientWritesTable {
  tenant_id: string;
  user_id: string;
  client_id: string;
  kind: string;
  target_id: string;
  /** 0/1: whether it counts against the learner's rate limit (moderation actions do not). */
  counted: number;
  created_at: string;
}

export type SignalKindValue = 'view' | 'complete' | 'rate';

/** One row per learner, item, UTC day and kind: a repeated signal finds its row and changes nothing. */
export interface SignalDedupTable {
  tenant_id: string;
  user_id: string;
  item_key: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  kind: SignalKindValue;
}

/** Distinct learners per item, team, unit ('' = none), day and kind; +1 per new dedup row. */
export interface PopularityDailyTable {
  tenant_id: string;
  item_key: string;
  team: string;
  unit: string;
  day: string;
  kind: SignalKindValue;
  learners: number;
}

/** Per learner and item: the last days they viewed (any signal) and completed it. */
export interface ItemLearnersTable {
  tenant_id: string;
  item_key: string;
  user_id: string;
  team: string;
  /** '' when the learner has no unit. */
  unit: string;
  viewed_day: string;
  /** The latest day before viewed_day with a view, if any. */
  viewed_prev: string | null;
  completed_day: string | null;
  completed_prev: string | null;
}

export type PopularityScopeValue = 'team' | 'unit' | 'company';

/** Decayed engagement per group and item (see services/popularity-trend.ts). */
export interface PopularityTrendTable {
  tenant_id: string;
  scope: PopularityScopeValue;
  /** '' for company scope (and for learners without a unit). */
  unit: string;
  /** '' unless scope is team. */
  team: string;
  item_key: string;
  settled: number;
  latest: number;
  latest_day: string;
  rank: number;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

export interface ContributionsTable {
  id: string;
  tenant_id: string;
  item_key: string;
  user_id: string;
  kind: 'link' | 'file' | 'tip';
  title: string | null;
  url: string | null;
  body: string | null;
  file_sha256: string | null;
  file_type: string | null;
  file_size: number | null;
  state: ContentStateValue;
  helpful_count: number;
  open_report_count: Generated<number>;
  last_reported_at: string | null;
  created_at: string;
}

export interface ContributionVotesTable {
  tenant_id: string;
  contribution_id: string;
  user_id: string;
  created_at: string;
}

export interface FollowsTable {
  tenant_id: string;
  user_id: string;
  item_key: string;
  following: number;
  created_at: string;
}

export interface NotificationsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  kind: string;
  item_key: string | null;
  target_kind: string;
  target_id: string;
  actor_id: string | null;
  read: number;
  created_at: string;
}

export interface PostsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  title: string;
  body: string;
  status: 'draft' | 'published';
  /** Moderation, as for reviews and comments; independent of the author's draft/published. */
  state: Generated<ContentStateValue>;
  open_report_count: Generated<number>;
  last_reported_at: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface PostItemsTable {
  tenant_id: string;
  post_id: string;
  item_key: string;
  position: number;
}

export interface Database {
  tenants: TenantsTable;
  users: UsersTable;
  items: ItemsTable;
  ratings: RatingsTable;
  item_stats: ItemStatsTable;
  server_secrets: ServerSecretsTable;
  tenant_settings: TenantSettingsTable;
  tenant_stats: TenantStatsTable;
  reviews: ReviewsTable;
  comments: CommentsTable;
  helpful_votes: HelpfulVotesTable;
  content_reports: ContentReportsTable;
  moderation_log: ModerationLogTable;
  client_writes: ClientWritesTable;
  signal_dedup: SignalDedupTable;
  popularity_daily: PopularityDailyTable;
  item_learners: ItemLearnersTable;
  popularity_trend: PopularityTrendTable;
  contributions: ContributionsTable;
  contribution_votes: ContributionVotesTable;
  follows: FollowsTable;
  notifications: NotificationsTable;
  posts: PostsTable;
  post_items: PostItemsTable;
}
