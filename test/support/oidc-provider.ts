import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The part of oidc-provider's Provider this helper uses (the package ships no types). */
interface Provider {
  callback(): (request: IncomingMessage, response: ServerResponse) => void;
}
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => Provider;

/** A signing key as a private JWK with its key id, as oidc-provider's `jwks` takes them. */
type SigningKey = Record<string, unknown> & { kid: string };

const CLIENT_SECRET = randomBytes(16).toString('hex');

/** A web app's client, signing people in with the authorization code flow (PKCE) at the provider's login page. */
export interface WebClient {
  clientId: string;
  redirectUri: string;
  /** A confidential client's secret (client_secret_basic); without one it is a public client (PKCE alone). */
  clientSecret?: string;
}

/** Each person's client: its id is the tokens' `sub`, which differs from their user id (`preferred_username`). */
const clientOf = (user: string) => `client-${user}`;

function newSigningKey(kid: string): SigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
}

/**
 * oidc-provider's storage: its own in-memory default does the same but warns on every start.
 * Client-credentials JWTs need no more than this; a browser's session at the provider is also
 * found by its uid.
 */
class MemoryStore {
  private static readonly entries = new Map<string, Record<string, unknown>>();
  private static readonly sessionIds = new Map<string, string>();

  constructor(private readonly model: string) {}

  async upsert(id: string, payload: Record<string, unknown>): Promise<void> {
    MemoryStore.entries.set(`${this.model}:${id}`, payload);
    if (this.model === 'Session' && typeof payload.uid === 'string') MemoryStore.sessionIds.set(payload.uid, id);
  }

  async find(id: string): Promise<Record<string, unknown> | undefined> {
    return MemoryStore.entries.get(`${this.model}:${id}`);
  }

  async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
    const id = MemoryStore.sessionIds.get(uid);
    return id === undefined ? undefined : this.find(id);
  }

  async findByUserCode(): Promise<undefined> {
    return undefined;
  }

  async consume(id: string): Promise<void> {
    const entry = MemoryStore.entries.get(`${this.model}:${id}`);
    if (entry) entry.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    MemoryStore.entries.delete(`${this.model}:${id}`);
  }

  async revokeByGrantId(): Promise<void> {}
}

/**
 * A real OpenID Connect provider (panva's oidc-provider), in this process on a random local
 * port, as a company's identity provider would be: discovery, JWKS, and a token endpoint
 * whose client-credentials grant issues JWT access tokens (RS256) for a resource indicator,
 * the requested resource being the token's audience. Each person is a client; their tokens
 * carry `preferred_username` and `realm_access.roles`, as Keycloak's do, and the client as `sub`.
 *
 * With a web client (allowWebClient), people also sign in in a browser: the authorization code
 * flow with PKCE, at oidc-provider's own development login page (any login and password sign
 * in as the account of that login, then "Continue" consents). The access token it issues for the
 * `resource` the client asks for is a JWT with the same claims for the signed-in account, whose
 * roles are those of `people` (none for a login not listed), and `sub` is the login.
 */
export class TestIdentityProvider {
  private provider!: Provider;
  private keys: SigningKey[] = [newSigningKey('key-1')];
  /** Seconds by which the next token is issued in the past (to get one that has expired). */
  private backdating = 0;
  private webClient?: WebClient;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private readonly Provider: ProviderClass,
    private readonly people: Readonly<Record<string, string[]>>,
  ) {}

  /** `people`: each user id with the roles the provider gives them. */
  static async start(people: Record<string, string[]>): Promise<TestIdentityProvider> {
    // oidc-provider 8 is ESM only and ships no types; Jest transforms it (jest.config.js).
    // @ts-expect-error -- no declaration file: the class is typed by ProviderClass above.
    const { default: Provider } = (await import('oidc-provider')) as { default: ProviderClass };
    let handle: (request: IncomingMessage, response: ServerResponse) => void = (_, response) => response.end();
    const server = createServer((request, response) => handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const identityProvider = new TestIdentityProvider(server, `http://127.0.0.1:${port}`, Provider, people);
    identityProvider.restart();
    handle = (request, response) => identityProvider.provider.callback()(request, response);
    return identityProvider;
  }

  /** A JWT access token for `user`, from the client-credentials grant, for the API `resource` names (its audience). */
  async accessToken(user: string, options: { resource: string; issuedSecondsAgo?: number }): Promise<string> {
    this.backdating = options.issuedSecondsAgo ?? 0;
    try {
      const response = await fetch(`${this.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientOf(user),
          client_secret: CLIENT_SECRET,
          resource: options.resource,
          scope: 'api',
        }),
      });
      const body = (await response.json()) as { access_token?: string; error_description?: string };
      if (!body.access_token) throw new Error(`The identity provider issued no token: ${response.status} ${body.error_description ?? ''}`);
      return body.access_token;
    } finally {
      this.backdating = 0;
    }
  }

  /** Lets a web app sign people in through this client, sending them back to its redirect URI. */
  allowWebClient(client: WebClient): void {
    this.webClient = client;
    this.restart();
  }

  /** Signs with a new key from now on, still publishing the old one (as a rotation does); returns the new key's id. */
  rotateSigningKey(): string {
    const next = newSigningKey(`key-${this.keys.length + 1}`);
    this.keys = [next, ...this.keys];
    this.restart();
    return next.kid;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  /** oidc-provider reads its keys once: a new instance on the same address is the provider after a restart. */
  private restart(): void {
    const web = this.webClient;
    this.provider = new this.Provider(this.issuer, {
      clients: [
        ...Object.keys(this.people).map((user) => ({
          client_id: clientOf(user),
          client_secret: CLIENT_SECRET,
          grant_types: ['client_credentials'],
          redirect_uris: [],
          response_types: [],
          token_endpoint_auth_method: 'client_secret_post',
        })),
        ...(web
          ? [
              {
                client_id: web.clientId,
                ...(web.clientSecret
                  ? { client_secret: web.clientSecret, token_endpoint_auth_method: 'client_secret_basic' }
                  : { token_endpoint_auth_method: 'none' }),
                grant_types: ['authorization_code'],
                response_types: ['code'],
                redirect_uris: [web.redirectUri],
              },
            ]
          : []),
      ],
      // The signed-in account is the login typed at the development login page.
      findAccount: (_context: unknown, accountId: string) => ({
        accountId,
        claims: async () => ({ sub: accountId, preferred_username: accountId, name: accountId }),
      }),
      claims: { openid: ['sub'], profile: ['preferred_username', 'name'] },
      pkce: { required: () => true },
      // The first key of an algorithm signs; the others are still published for tokens they signed.
      jwks: { keys: this.keys },
      adapter: MemoryStore,
      cookies: { keys: [randomBytes(16).toString('hex')] },
      // All set, so that oidc-provider does not note each default it falls back to.
      ttl: { ClientCredentials: 600, AccessToken: 600, IdToken: 600, Interaction: 600, Grant: 3_600, Session: 3_600 },
      features: {
        // The provider's own login and consent pages, for the web client's browser sign-in.
        devInteractions: { enabled: web !== undefined },
        clientCredentials: { enabled: true },
        resourceIndicators: {
          enabled: true,
          getResourceServerInfo: () => ({ scope: 'api', accessTokenFormat: 'jwt', accessTokenTTL: 600, jwt: { sign: { alg: 'RS256' } } }),
          // The resource the authorization request named is the one its code's token is for.
          useGrantedResource: () => true,
        },
      },
      extraTokenClaims: (_context: unknown, token: { clientId: string; accountId?: string }) => {
        const user = token.accountId ?? token.clientId.slice(clientOf('').length);
        return { preferred_username: user, realm_access: { roles: this.people[user] ?? [] } };
      },
      formats: {
        customizers: {
          jwt: (_context: unknown, _token: unknown, jwt: { payload: { iat: number; exp: number } }) => {
            jwt.payload.iat -= this.backdating;
            jwt.payload.exp -= this.backdating;
          },
        },
      },
    });
  }
}
