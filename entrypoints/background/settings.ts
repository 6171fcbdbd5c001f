import type { RippleDb, SettingName, StoredSession } from './db';
import type { Policy } from './policy';
import type { KillSwitch } from '../../server/contract/kill-switch';

/** Where `npm start` serves the embedded server; admins set another through options or policy. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

interface SettingTypes {
  serverUrl: string;
  session: StoredSession;
  subject: string;
  policy: Policy;
  signalsPaused: boolean;
  /** The company switched signals off (the server said so); asked again after the next sign-in. */
  signalsDisabled: boolean;
  killSwitch: KillSwitch;
  /** The last live event this browser saw, to catch up from after the worker stopped. */
  liveLastEventId: string;
}

export async function readSetting<N extends SettingName>(db: RippleDb, name: N): Promise<SettingTypes[N] | undefined> {
  const row = await db.settings.get(name);
  return row?.value as SettingTypes[N] | undefined;
}

export async function writeSetting<N extends SettingName>(db: RippleDb, name: N, value: SettingTypes[N]): Promise<void> {
  await db.settings.put({ name, value });
}

export async function clearSetting(db: RippleDb, name: SettingName): Promise<void> {
  await db.settings.delete(name);
}

/** The admin's policy wins over the learner's choice, which wins over the demo default. */
export async function getServerUrl(db: RippleDb): Promise<string> {
  const fromPolicy = (await readSetting(db, 'policy'))?.serverUrl;
  const policyUrl = fromPolicy ? normaliseServerUrl(fromPolicy) : null;
  return policyUrl ?? (await readSetting(db, 'serverUrl')) ?? DEFAULT_SERVER_URL;
}

/** Accepts http(s) origins only, normalised without a trailing slash. */
export function normaliseServerUrl(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password || url.search || url.hash) return null;
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    return null;
  }
}
