import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/**
 * A real OpenID Connect provider (panva's oidc-provider, certified) on loopback, for tests:
 * one client (public by default, or confidential with `clientSecret`), PKCE required, a few
 * accounts with claims, and its development sign-in UI (devInteractions): the login form takes an
 * account id as login and any password. Consent is granted automatically (a first-party client),
 * so a browser sees only the login form; `authorize` drives the same form with fetch.
 *
 * Used by the server tests, and reusable by an e2e in Chromium (chrome.identity.launchWebAuthFlow
 * with the extension's redirect URI): `startOidcProvider({ redirectUris, accounts })`.
 */

export interface OidcTestAccount {
  /** The `sub`, and what to type as login on the provider's form. */
  id: string;
  /**
   * Claims released with the scopes that cover them (see CLAIMS_BY_SCOPE): name, given_name,
   * family_name, preferred_username, email, department, unit, groups. Mutable: a change applies
   * to the next sign-in.
   */
  claims?: Record<string, unknown>;
}

export interface StartOidcProviderOptions {
  /** Exact redirect URIs the client may use, e.g. `https://<extension id>.chromiumapp.org/`. */
  redirectUris: string[];
  accounts: OidcTestAccount[];
  /** Default `ripple`. */
  clientId?: string;
  /** Omit (or null) for a public client (PKCE only); give one for a confidential client. */
  clientSecret?: string | null;
  /**
   * true: profile claims are in the ID token too. false (the provider's default, OIDC Core
   * §5.4): the ID token carries only `sub` and protocol claims; the rest is at the userinfo endpoint.
   */
  claimsInIdToken?: boolean;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
}

export interface OidcTestProvider {
  /** `http://127.0.0.1:<port>`: configure it as the tenant's issuer. */
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  /** The scopes this provider knows: openid, profile, email, groups, offline_access. */
  scopes: string[];
  /**
   * Runs the authorization request and the login form the way a browser would (cookies, redirects,
   * form posts) and returns what the provider sent to the redirect URI.
   */
  authorize(request: AuthorizeRequest): Promise<AuthorizationResponse>;
  /** The oidc-provider instance, for tests that need more. */
  provider: Provider;
  close(): Promise<void>;
}

export interface AuthorizeRequest {
  /** The account to sign in as (its id). */
  login: string;
  redirectUri: string;
  codeChallenge: string;
  /** Default `openid profile email groups`. */
  scope?: string;
  state?: string;
  nonce?: string;
  /** Default the provider's client. */
  clientId?: string;
}

export interface AuthorizationResponse {
  code: string;
  state: string | null;
  /** RFC 9207 `iss` of the response: the extension may check it equals the issuer. */
  iss: string | null;
  /** The whole redirect the browser would have been sent to. */
  redirectedTo: string;
}

/** Which claims each scope releases. */
export const CLAIMS_BY_SCOPE = {
  openid: ['sub'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username', 'department', 'unit'],
  email: ['email', 'email_verified'],
  groups: ['groups'],
};

/** A PKCE pair (RFC 7636, S256), as the extension makes one per sign-in. */
export function createPkcePair(): { codeVerifier: string; codeChallenge: string } {
  const codeVerifier = randomBytes(32).toString('base64url');
  return { codeVerifier, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
}

export async function startOidcProvider(options: StartOidcProviderOptions): Promise<OidcTestProvider> {
  const host = options.host ?? '127.0.0.1';
  const clientId = options.clientId ?? 'ripple';
  const clientSecret = options.clientSecret ?? null;
  const accounts = new Map(options.accounts.map((account) => [account.id, account]));

  // Listen first: the issuer names the port.
  let handler: ((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) | null = null;
  const server: Server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: `test-${randomBytes(4).toString('hex')}`, alg: 'RS256', use: 'sig' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        ...(clientSecret ? { client_secret: clientSecret } : {}),
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: clientSecret ? 'client_secret_basic' : 'none',
      },
    ],
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ ...account.claims, sub: id }) };
    },
    claims: CLAIMS_BY_SCOPE,
    conformIdTokenClaims: !options.claimsInIdToken,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    // Seconds. Explicit, so the provider does not print a notice per artifact kind.
    ttl: { AccessToken: 3600, AuthorizationCode: 60, Grant: 3600, IdToken: 3600, Interaction: 600, Session: 3600 },
    // A first-party client: grant what it asks for instead of showing a consent page.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { oidc } = ctx;
      const client = oidc.client;
      const accountId = oidc.session?.accountId;
      if (!client || !accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(client.clientId);
      const grant = (grantId ? await oidc.provider.Grant.find(grantId) : undefined) ?? new oidc.provider.Grant({ clientId: client.clientId, accountId });
      grant.addOIDCScope(String(oidc.params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
  });
  handler = provider.callback();

  async function authorize(request: AuthorizeRequest): Promise<AuthorizationResponse> {
    if (!accounts.has(request.login)) throw new Error(`No test account "${request.login}" on this provider`);
    const jar = new Map<string, string>();
    const start = new URL('/auth', issuer);
    const params: Record<string, string | undefined> = {
      client_id: request.clientId ?? clientId,
      redirect_uri: request.redirectUri,
      response_type: 'code',
      scope: request.scope ?? 'openid profile email groups',
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
      state: request.state,
      nonce: request.nonce,
    };
    for (const [name, value] of Object.entries(params)) if (value !== undefined) start.searchParams.set(name, value);

    let url = start;
    let init: RequestInit = { method: 'GET' };
    for (let hop = 0; hop < 20; hop += 1) {
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
      for (const line of response.headers.getSetCookie()) {
        const [pair = '', ...attributes] = line.split(';');
        const separator = pair.indexOf('=');
        const name = pair.slice(0, separator).trim();
        const value = pair.slice(separator + 1).trim();
        const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=.*1970/i.test(attribute));
        if (expired || value === '') jar.delete(name);
        else jar.set(name, value);
      }

      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        const location = new URL(response.headers.get('location') ?? '', url);
        if (location.href.startsWith(request.redirectUri)) {
          const error = location.searchParams.get('error');
          if (error) throw new Error(`Authorization failed: ${error} ${location.searchParams.get('error_description') ?? ''}`.trim());
          const code = location.searchParams.get('code');
          if (!code) throw new Error(`Redirected without a code: ${location.href}`);
          return { code, state: location.searchParams.get('state'), iss: location.searchParams.get('iss'), redirectedTo: location.href };
        }
        url = location;
        init = { method: 'GET' };
        continue;
      }

      const body = await response.text();
      if (response.status === 200 && url.pathname.startsWith('/interaction/')) {
        // The devInteractions form: a hidden `prompt` (login or consent) and the action to post to.
        const prompt = /name="prompt" value="([a-z]+)"/.exec(body)?.[1];
        const action = /<form[^>]*action="([^"]+)"/.exec(body)?.[1];
        if (!prompt || !action) throw new Error(`Unexpected interaction page at ${url.href}`);
        const form = new URLSearchParams({ prompt });
        if (prompt === 'login') {
          form.set('login', request.login);
          form.set('password', 'any password');
        }
        url = new URL(action.replace(/&amp;/g, '&'), url);
        init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() };
        continue;
      }
      throw new Error(`Unexpected HTTP ${response.status} at ${url.href}: ${body.slice(0, 300)}`);
    }
    throw new Error('Too many redirects while signing in to the test provider');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    scopes: ['openid', 'offline_access', ...Object.keys(CLAIMS_BY_SCOPE).filter((scope) => scope !== 'openid')],
    authorize,
    provider,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
