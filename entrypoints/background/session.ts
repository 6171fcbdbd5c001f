import type { RippleDb, StoredSession } from './db';
import { clearSetting, getServerUrl, readSetting, writeSetting } from './settings';
import { createApiClient, type ApiClient } from './api-client';
import type { SessionState } from './protocol';
import { signInWithProvider, type WebAuthFlow } from './oidc-sign-in';

/** Access tokens are renewed this long before they expire. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Owns the server URL, the signed-in session and the API client built from them. Authentication
 * sits behind this one seam: the company's OpenID provider (single sign-on, with refresh), or the
 * dev sign-in of the embedded demo. Tokens never leave the background.
 */
export class Session {
  private client: ApiClient | null = null;
  private clientUrl = '';
  private current: StoredSession | null = null;
  private loaded = false;
  /** Concurrent callers share one sign-in attempt instead of racing several. */
  private signingIn: Promise<StoredSession | null> | null = null;

  /** Refreshes are serialized: a refresh token works once, a second use signs the learner out. */
  private refreshing: Promise<StoredSession | null> | null = null;

  constructor(
    private readonly db: RippleDb,
    /** The company's tenant (policy), or the demo. */
    private readonly tenant: () => Promise<string> = async () => 'demo',
    /** The browser part of single sign-on; absent where no browser is (tests of dev sign-in). */
    private readonly webAuthFlow?: WebAuthFlow,
  ) {}

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
    if (session && session.serverUrl === serverUrl) {
      if (session.expiresAt - REFRESH_MARGIN_MS > Date.now()) return session;
      if (session.refreshToken && (session.refreshExpiresAt ?? 0) > Date.now()) {
        this.refreshing ??= this.refresh(session).finally(() => (this.refreshing = null));
        const refreshed = await this.refreshing;
        if (refreshed) return refreshed;
      } else if (session.expiresAt > Date.now()) return session;
    }
    this.signingIn ??= this.autoSignIn().finally(() => (this.signingIn = null));
    return this.signingIn;
  }

  /** Signs in through the company's identity provider (from a click in the options page). */
  async signInWithProvider(interactive = true): Promise<StoredSession> {
    if (!this.webAuthFlow) throw new Error('Single sign-on needs a browser');
    const serverUrl = await getServerUrl(this.db);
    const result = await signInWithProvider(await this.api(), await this.tenant(), this.webAuthFlow, interactive);
    return this.keep({ ...result, serverUrl });
  }

  /** Whether the company signs learners in with its identity provider. */
  async usesProvider(): Promise<boolean> {
    try {
      return (await (await this.api()).auth.config.query({ tenant: await this.tenant() })).provider !== null;
    } catch {
      return false;
    }
  }

  private async refresh(session: StoredSession): Promise<StoredSession | null> {
    try {
      const result = await (await this.api()).auth.refresh.mutate({ refreshToken: session.refreshToken! });
      return await this.keep({ ...result, serverUrl: session.serverUrl });
    } catch {
      // Expired, revoked or reused elsewhere: the learner signs in again.
      return null;
    }
  }

  private async keep(session: StoredSession): Promise<StoredSession> {
    const previous = this.current;
    await writeSetting(this.db, 'session', session);
    // Cached summaries carry the previous learner's own stars.
    if (previous?.profile.displayName !== session.profile.displayName || previous?.serverUrl !== session.serverUrl) await this.db.summaries.clear();
    this.current = session;
    return session;
  }

  async signIn(serverUrl: string, displayName: string, team: string): Promise<StoredSession> {
    if (serverUrl !== (await getServerUrl(this.db))) {
      await writeSetting(this.db, 'serverUrl', serverUrl);
      await this.forget();
    }
    const api = await this.api();
    const result = await api.auth.devSignIn.mutate({ subject: await this.subject(), displayName, team });
    return this.keep({ ...result, serverUrl });
  }

  /**
   * The server refused the access token: renew it with the refresh token when there is one (the
   * next `ensure`), else drop the session so the learner signs in again.
   */
  async expireAccess(): Promise<void> {
    const session = await this.load();
    if (session?.refreshToken) {
      this.current = { ...session, expiresAt: 0 };
      await writeSetting(this.db, 'session', this.current);
    } else {
      this.current = null;
      await clearSetting(this.db, 'session');
    }
  }

  /** Signs out: drops the session here and ends it on the server. */
  async forget(): Promise<void> {
    const refreshToken = this.current?.refreshToken;
    // Ends the single sign-on session on the server too (best effort: it may be down).
    if (refreshToken) void (await this.api()).auth.signOut.mutate({ refreshToken }).catch(() => {});
    this.current = null;
    await clearSetting(this.db, 'session');
    await this.db.summaries.clear();
  }

  private async autoSignIn(): Promise<StoredSession | null> {
    const api = await this.api();
    // A company with an identity provider: try it silently (the learner may already be signed in
    // there); otherwise the learner signs in from the options page.
    if (this.webAuthFlow && (await this.usesProvider())) return this.signInWithProvider(false).catch(() => null);
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
