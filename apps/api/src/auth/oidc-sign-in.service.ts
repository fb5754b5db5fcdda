import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { AccordConfig } from '@accord/runtime';
import { AccordException, AuthException, ErrorCode } from '../errors/accord.exception';
import { appReturnTo } from './app-return-to';
import { SignInProvidersResponse } from './dto/sign-in-providers.response';
import { localSignInEnabled } from './local-sign-in';
import { OIDC_FLOW_COOKIE, OIDC_FLOW_COOKIE_PATH, OIDC_FLOW_SECONDS, type OidcFlow, OidcFlowSeal } from './oidc-flow-cookie';
import type { OidcMetadata, OidcTokens } from './oidc-tokens';
import { readCookie } from './session-cookie';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

const TOKEN_TIMEOUT_MS = 10_000;

/** What the provider's redirect back carries (OAuth 2.0, sections 4.1.2 and 4.1.2.1). */
export interface OidcCallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

/** The browser sign-in, when there is one: the provider's verifier and the web app's client. */
interface BrowserClient {
  provider: OidcTokens;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
}

const randomValue = () => randomBytes(32).toString('base64url');

/**
 * Signing a browser in at the company's OpenID Connect provider, the API acting for the web app
 * (a backend for frontend): authorization code with PKCE (S256), state and nonce. The provider's
 * access token becomes the session cookie, so the browser never holds a token a script can read
 * and every later request is verified exactly as an API client's bearer token.
 */
@Injectable()
export class OidcSignInService {
  private readonly seal: OidcFlowSeal;

  constructor(
    private readonly config: AccordConfig,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
  ) {
    // Every API instance behind one address must open the cookie another sealed: a configured secret, not a random one.
    this.seal = new OidcFlowSeal(config.ACCORD_JWT_SECRET ?? config.ACCORD_OIDC_CLIENT_SECRET);
  }

  providers(): SignInProvidersResponse {
    return {
      local: localSignInEnabled(this.config),
      oidc: this.client() ? (this.config.ACCORD_OIDC_PROVIDER_NAME ? { name: this.config.ACCORD_OIDC_PROVIDER_NAME } : {}) : null,
    };
  }

  /** The provider's authorization URL for a new sign-in; the flow's cookie is set on `response`. */
  async signIn(request: Request, response: Response, returnTo: unknown): Promise<string> {
    const client = this.requireClient();
    const metadata = await client.provider.metadata();
    const authorizationEndpoint = requireEndpoint(metadata, 'authorization_endpoint');
    const flow: OidcFlow = { state: randomValue(), nonce: randomValue(), codeVerifier: randomValue(), returnTo: appReturnTo(returnTo) };
    const url = new URL(authorizationEndpoint);
    const scope = this.config.ACCORD_OIDC_SCOPES;
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', client.clientId);
    url.searchParams.set('redirect_uri', client.redirectUri);
    url.searchParams.set('scope', scope);
    url.searchParams.set('state', flow.state);
    url.searchParams.set('nonce', flow.nonce);
    url.searchParams.set('code_challenge', createHash('sha256').update(flow.codeVerifier).digest('base64url'));
    url.searchParams.set('code_challenge_method', 'S256');
    const resource = this.resource(scope);
    if (resource) url.searchParams.set('resource', resource);
    response.cookie(OIDC_FLOW_COOKIE, this.seal.seal(flow), { ...flowCookieOptions(request), maxAge: OIDC_FLOW_SECONDS * 1000 });
    return url.toString();
  }

  /** Finishes a sign-in: the session cookie holds the provider's access token; answers where the person goes next. */
  async callback(request: Request, response: Response, query: OidcCallbackQuery): Promise<string> {
    const client = this.requireClient();
    if (query.error !== undefined) {
      const description = query.error_description ? `: ${query.error_description}` : '';
      // The person refused, or the provider would not sign them in: they may start again, so the flow is done.
      response.clearCookie(OIDC_FLOW_COOKIE, flowCookieOptions(request));
      throw new AuthException(
        query.error === 'access_denied' ? ErrorCode.FORBIDDEN : ErrorCode.VALIDATION_FAILED,
        `The identity provider did not sign you in (${query.error}${description}). Go back to Accord and sign in again.`,
        [{ path: 'error', message: query.error }],
      );
    }
    const flow = this.seal.open(readCookie(request, OIDC_FLOW_COOKIE));
    // No cookie, or one of another sign-in: this answer is not for a sign-in this browser began (login CSRF), or came too late.
    if (!flow) throw refused('state', 'No sign-in was begun in this browser in the last 10 minutes. Go back to Accord and sign in again.');
    if (typeof query.state !== 'string' || query.state !== flow.state)
      throw refused('state', 'This answer of the identity provider is not for the sign-in begun in this browser (state). Go back to Accord and sign in again.');
    if (typeof query.code !== 'string' || query.code === '') throw refused('code', 'The identity provider sent no authorization code.');

    const metadata = await client.provider.metadata();
    const issued = await this.exchange(client, requireEndpoint(metadata, 'token_endpoint'), query.code, flow.codeVerifier);
    await this.checkIdToken(client, issued.id_token, flow.nonce);
    // Exactly what every API call will check of the cookie: a token that would not open the API opens no session.
    const user = await this.tokens.verify(issued.access_token);
    response.clearCookie(OIDC_FLOW_COOKIE, flowCookieOptions(request));
    this.sessions.startSession(request, response, issued.access_token, user.expiresAt!);
    return flow.returnTo;
  }

  /**
   * RFC 8707's resource indicator, so that the provider issues a JWT access token for Accord's
   * audience. Left out when a requested scope is an API's own (a URI: Entra ID's
   * `api://accord/access_as_user`), which chooses the audience there, and Entra's v2 endpoint
   * refuses `resource` (AADSTS901002).
   */
  private resource(scope: string): string | undefined {
    return scope.split(' ').some((requested) => requested.includes('://')) ? undefined : this.config.ACCORD_OIDC_AUDIENCE;
  }

  private async exchange(
    client: BrowserClient,
    tokenEndpoint: string,
    code: string,
    codeVerifier: string,
  ): Promise<{ access_token: string; id_token?: unknown }> {
    const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: client.redirectUri, code_verifier: codeVerifier });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (client.clientSecret === undefined) {
      body.set('client_id', client.clientId);
    } else {
      // client_secret_basic, every provider's default: id and secret form-encoded first (RFC 6749, section 2.3.1).
      const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
      headers.authorization = `Basic ${Buffer.from(`${encode(client.clientId)}:${encode(client.clientSecret)}`).toString('base64')}`;
    }
    const resource = this.resource(this.config.ACCORD_OIDC_SCOPES);
    if (resource) body.set('resource', resource);
    let answer: globalThis.Response;
    let issued: { access_token?: unknown; id_token?: unknown; error?: unknown; error_description?: unknown };
    try {
      answer = await fetch(tokenEndpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS) });
      issued = (await answer.json()) as typeof issued;
    } catch (error) {
      throw new Error(`The identity provider's token endpoint ${tokenEndpoint} could not be read: ${(error as Error).message}`, { cause: error });
    }
    if (!answer.ok || typeof issued.access_token !== 'string') {
      const reason =
        typeof issued.error === 'string'
          ? `${issued.error}${typeof issued.error_description === 'string' ? `: ${issued.error_description}` : ''}`
          : `it answered ${answer.status}`;
      throw new AuthException(
        ErrorCode.UNAUTHENTICATED,
        `The identity provider would not exchange the authorization code (${reason}). Go back to Accord and sign in again.`,
        [{ path: 'code', message: reason }],
      );
    }
    return { access_token: issued.access_token, id_token: issued.id_token };
  }

  private async checkIdToken(client: BrowserClient, idToken: unknown, nonce: string): Promise<void> {
    if (typeof idToken !== 'string')
      throw new AuthException(ErrorCode.UNAUTHENTICATED, 'The identity provider issued no ID token: is `openid` among ACCORD_OIDC_SCOPES?', [
        { path: 'id_token', message: 'missing' },
      ]);
    let claims: Record<string, unknown>;
    try {
      claims = await client.provider.idTokenClaims(idToken, client.clientId);
    } catch (error) {
      if (!(error instanceof AccordException)) throw error;
      throw new AuthException(
        ErrorCode.UNAUTHENTICATED,
        `The identity provider's ID token was refused: ${error.message.replace(/^Invalid bearer token: /, '')}`,
        error.details,
      );
    }
    // The ID token of another sign-in, replayed into this one, carries another nonce.
    if (claims.nonce !== nonce)
      throw new AuthException(ErrorCode.UNAUTHENTICATED, "The identity provider's ID token is not for this sign-in (nonce)", [
        { path: 'nonce', message: 'does not match' },
      ]);
  }

  private client(): BrowserClient | undefined {
    const { ACCORD_OIDC_CLIENT_ID: clientId, ACCORD_PUBLIC_URL: publicUrl } = this.config;
    const provider = this.tokens.provider;
    if (!provider || !clientId || !publicUrl) return undefined;
    return { provider, clientId, clientSecret: this.config.ACCORD_OIDC_CLIENT_SECRET, redirectUri: `${publicUrl.replace(/\/$/, '')}/auth/oidc/callback` };
  }

  private requireClient(): BrowserClient {
    const client = this.client();
    // As if the route did not exist, as local sign-in's routes are without local mode.
    if (!client)
      throw new AuthException(
        ErrorCode.NOT_FOUND,
        'Signing in at an identity provider is not offered here (ACCORD_OIDC_ISSUER and ACCORD_OIDC_CLIENT_ID are not set)',
      );
    return client;
  }
}

function refused(path: string, message: string): AuthException {
  return new AuthException(ErrorCode.VALIDATION_FAILED, message, [{ path, message }]);
}

function requireEndpoint(metadata: OidcMetadata, name: 'authorization_endpoint' | 'token_endpoint'): string {
  const endpoint = metadata[name];
  if (!endpoint) throw new Error(`The identity provider's discovery document names no ${name}`);
  return endpoint;
}

function flowCookieOptions(request: Request): CookieOptions {
  // Lax, not Strict: the cookie must come back with the provider's top-level redirect to the callback.
  return { httpOnly: true, sameSite: 'lax', secure: request.secure, path: OIDC_FLOW_COOKIE_PATH };
}
