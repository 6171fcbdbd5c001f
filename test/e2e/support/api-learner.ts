import { randomUUID } from 'node:crypto';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '../../../server/contract';
import { setUserRole } from '../../../server/services/users';
import type { RunningServer } from './ripple-server';

/** A colleague who uses the API directly: to seed content or add reports without a browser. */
export async function apiLearner(server: RunningServer, displayName: string, team = 'Ops') {
  const anonymous = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc` })] });
  const { token } = await anonymous.auth.devSignIn.mutate({ subject: randomUUID().replaceAll('-', ''), displayName, team });
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc`, headers: { authorization: `Bearer ${token}` } })] });
}

/** Gives a learner, found by display name in the demo company, the moderator role. */
export async function promoteToModerator(server: RunningServer, displayName: string): Promise<void> {
  const db = server.internals.db;
  const user = await db.selectFrom('users').select(['id', 'tenant_id']).where('display_name', '=', displayName).executeTakeFirstOrThrow();
  await setUserRole(db, user.tenant_id, user.id, 'moderator');
}

export const clientId = () => randomUUID();
