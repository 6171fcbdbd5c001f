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
}

export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

export interface Database {
  tenants: TenantsTable;
  users: UsersTable;
  items: ItemsTable;
  ratings: RatingsTable;
  item_stats: ItemStatsTable;
  server_secrets: ServerSecretsTable;
}
