import type { TRPCDefaultErrorShape as DefaultErrorShape, TRPCError } from '@trpc/server';
import { RateLimitExceeded } from './services/writes';

export interface InputIssue {
  path: string;
  message: string;
}

export type RippleErrorShape = Omit<DefaultErrorShape, 'data'> & {
  data: Omit<DefaultErrorShape['data'], 'stack'> & {
    issues?: InputIssue[];
    /** TOO_MANY_REQUESTS: seconds until the learner may write again. */
    retryAfterSeconds?: number;
  };
};

/**
 * What clients see of an error: the tRPC code, and for bad input which fields were wrong. Never a
 * stack trace, and never the message of an unexpected error, which may quote SQL or internals
 * (those are logged on the server instead).
 */
export function formatError({ shape, error }: { shape: DefaultErrorShape; error: TRPCError }): RippleErrorShape {
  const { stack: _stack, ...data } = shape.data;
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    return { ...shape, message: 'Internal server error', data };
  }
  if (error.cause instanceof RateLimitExceeded) {
    return { ...shape, data: { ...data, retryAfterSeconds: error.cause.retryAfterSeconds } };
  }
  const issues = inputIssues(error);
  if (!issues) return { ...shape, data };
  // The validator's own message is a JSON dump of its issues (patterns included); say it briefly.
  const summary = issues.slice(0, 3).map((issue) => `${issue.path || '(input)'}: ${issue.message}`);
  return { ...shape, message: `Invalid input: ${summary.join('; ')}`, data: { ...data, issues } };
}

/** Field-level problems of a failed input validation (a zod or Standard Schema error). */
function inputIssues(error: TRPCError): InputIssue[] | undefined {
  if (error.code !== 'BAD_REQUEST') return undefined;
  const cause: unknown = error.cause;
  if (!cause || typeof cause !== 'object' || !('issues' in cause) || !Array.isArray(cause.issues)) return undefined;
  return cause.issues.slice(0, 20).map((issue: { path?: readonly PropertyKey[] | undefined; message?: unknown }) => ({
    path: (issue.path ?? []).map(String).join('.'),
    message: String(issue.message ?? 'Invalid value'),
  }));
}
