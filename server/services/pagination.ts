import { TRPCError } from '@trpc/server';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { z } from 'zod';
import { DEFAULT_PAGE_LIMIT } from '../contract';

/**
 * Keyset pagination: a cursor holds the sort key of the last row of a page, tagged with the sort
 * it belongs to, as base64url JSON. It is opaque to clients; one that does not decode to the
 * expected shape is bad input.
 */
export type KeyValue = string | number;

export function encodeCursor(tag: string, values: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify([tag, ...values]), 'utf8').toString('base64url');
}

export function decodeCursor<T extends z.ZodTuple>(cursor: string | null | undefined, tag: string, shape: T): z.infer<T> | null {
  if (cursor === null || cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed[0] === tag) {
    const values = shape.safeParse(parsed.slice(1));
    if (values.success) return values.data;
  }
  throw new TRPCError({ code: 'BAD_REQUEST', message: 'Invalid cursor: pass back a nextCursor of the same list and sort' });
}

export interface SortKey {
  column: string;
  direction: 'asc' | 'desc';
}

/**
 * Rows strictly after `values` in the order of `keys`:
 * (a > A) or (a = A and b > B) or … with each comparison's direction following its key.
 */
export function afterKey(eb: ExpressionBuilder<any, any>, keys: readonly SortKey[], values: readonly KeyValue[]): Expression<SqlBool> {
  return eb.or(
    keys.map((key, index) =>
      eb.and([
        ...keys.slice(0, index).map((previous, at) => eb(eb.ref(previous.column), '=', values[at])),
        eb(eb.ref(key.column), key.direction === 'desc' ? '<' : '>', values[index]),
      ]),
    ),
  );
}

export function pageLimit(limit: number | undefined): number {
  return limit ?? DEFAULT_PAGE_LIMIT;
}

/** Splits the `limit + 1` rows fetched into the page and whether another page follows. */
export function takePage<T>(rows: T[], limit: number): { page: T[]; more: boolean } {
  return { page: rows.slice(0, limit), more: rows.length > limit };
}
