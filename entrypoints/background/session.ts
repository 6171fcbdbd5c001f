import type { RippleDb, StoredSession } from './db';
import { clearSetting, getServerUrl, readSetting, writeSetting } from './settings';
import { createApiClient, type ApiClient } from './api-client';
import type { SessionState } from './protocol';

/**
 * Owns the server URL, the signed-in session and the API client built from them. Authentication
 * sits behind this one seam: today dev sign-in on the embedded demo, later the company's OpenID
 * provider. Tokens never leave the background.
 */
export class Session {
  private client: ApiClient | null = null;
  private clientUrl = '';
  private current: StoredSession | null = null;
  private loaded = false;
  /** Concurrent callers share one sign-in attempt instead of racing several. */
  private signingIn: Promise<StoredSession | null> | null = null;

  constructor(private readonly db: RippleDb) {}

  async api(): Promise<ApiClient> {
    const serverUrl = await getServerUrl(this.db);
    if (!this.client || this.clientUrl !== serverUrl) {
      this.client = createApiClient(serverUrl, () => this.tokenFor(serverUrl));
      this.clientUrl = serverUrl;
    }
    return this.client;
  }

  async state(): Promise<Pick<SessionState, 'serverUrl' | 'profile'>> {
    const serverUrl = await getServerUrl(this.db);
    const session = await this.load();
    return { serverUrl, profile: session && session.serverUrl === serverUrl ? session.profile : null };
  }

  /** A valid session for the configured server, signing in to the demo tenant when the server allows it. */
  async ensure(): Promise<StoredSession | null> {
    const session = await this.load();
    const serverUrl = await getServerUrl(this.db);
    if (session && session.serverUrl === serverUrl && session.expiresAt > Date.now()) return session;
    this.signingIn ??= this.autoSignIn().finally(() => (this.signingIn = null));
    return this.signingIn;
  }

  async signIn(serverUrl: string, displayName: string, team: string): Promise<StoredSession> {
    if (serverUrl !== (await getServerUrl(this.db))) {
      await writeSetting(this.db, 'serverUrl', serverUrl);
      await this.forget();
    }
    const api = await this.api();
    const result = await api.auth.devSignIn.mutate({ subject: await this.subject(), displayName, team });
    const session: StoredSession = { ...result, serverUrl };
    await writeSetting(this.db, 'session', session);
    // Cached summaries carry the previous learner's own stars.
    await this.db.summaries.clear();
    this.current = session;
    return session;
  }

  /** Drops the session (sign-out, or the server no longer accepts the token). */
  async forget(): Promise<void> {
    this.current = null;
    await clearSetting(this.db, 'session');
    await this.db.summaries.clear();
  }

  private async autoSignIn(): Promise<StoredSession | null> {
    const api = await this.api();
    const info = await api.meta.info.query();
    if (!info.devSignIn) return null;
    const subject = await this.subject();
    return this.signIn(await getServerUrl(this.db), `Learner ${subject.slice(0, 4).toUpperCase()}`, 'Demo team');
  }

  private tokenFor(serverUrl: string): string | null {
    const session = this.current;
    return session && session.serverUrl === serverUrl ? session.token : null;
  }

  private async load(): Promise<StoredSession | null> {
    if (!this.loaded) {
      this.current = (await readSetting(this.db, 'session')) ?? null;
      this.loaded = true;
    }
    return this.current;
  }

  /** A random identity for this browser profile, created once; dev sign-in maps it to a learner. */
  private async subject(): Promise<string> {
    let subject = await readSetting(this.db, 'subject');
    if (!subject) {
      subject = crypto.randomUUID().replaceAll('-', '');
      await writeSetting(this.db, 'subject', subject);
    }
    return subject;
  }
}
