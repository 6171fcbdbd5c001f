import type { SessionResult } from '../../server/contract/identity';
import type { ApiClient } from './api-client';
import { pkcePair, randomToken } from './pkce';

/**
 * Single sign-on with the company's OpenID provider: authorization code with PKCE. The browser
 * part (the provider's login page) runs in `launchWebAuthFlow`; the code goes to the Ripple
 * server, which exchanges it with the provider and checks the ID token against the provider's
 * keys. Ripple never sees a password; its own tokens stay in the background.
 */
export interface WebAuthFlow {
  /** The extension's redirect URI (`https://<id>.chromiumapp.org/`). */
  redirectUri: string;
  /** Opens the provider's page and resolves with the URL it redirected to. */
  launch(url: string, interactive: boolean): Promise<string>;
}

export class SignInError extends Error {}

export async function signInWithProvider(api: ApiClient, tenant: string, flow: WebAuthFlow, interactive = true): Promise<SessionResult> {
  const config = await api.auth.config.query({ tenant });
  const provider = config.provider;
  if (!provider) throw new SignInError(`The company "${tenant}" has no identity provider configured.`);
  const { verifier, challenge } = await pkcePair();
  const state = randomToken(16);
  const nonce = randomToken(16);
  const url = new URL(provider.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: flow.redirectUri,
    scope: provider.scopes.join(' '),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
    nonce,
  }).toString();

  const answer = new URL(await flow.launch(url.toString(), interactive));
  const params = answer.searchParams;
  if (params.get('error')) throw new SignInError(params.get('error_description') ?? params.get('error')!);
  // The answer must be to this request (state) and from this provider (RFC 9207 `iss`).
  if (params.get('state') !== state) throw new SignInError('The sign-in answer does not match the request.');
  const iss = params.get('iss');
  if (iss && iss !== provider.issuer) throw new SignInError('The sign-in answer came from another provider.');
  const code = params.get('code');
  if (!code) throw new SignInError('The provider sent no authorization code.');
  return api.auth.oidcExchange.mutate({ tenant, code, codeVerifier: verifier, redirectUri: flow.redirectUri, nonce });
}
