import type { JWTVerifyGetKey } from 'jose';
import { invalidToken } from './invalid-token';
import type { TokenExpectations, TokenVerifier } from './token-verifier';

/** Signatures only the provider's private key can make: `none` and the shared-secret HS* are refused. */
const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

const DISCOVERY_TIMEOUT_MS = 5_000;

/** Where the provider's tokens are and what they must say: ACCORD_OIDC_ISSUER, …_AUDIENCE, …_USER_CLAIM, …_ROLES_CLAIM. */
export type OidcSettings = TokenExpectations;

/** What Accord reads of the provider's discovery document: its keys, and the endpoints of the browser sign-in. */
export interface OidcMetadata {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
}

// jose is ESM only: Node (≥ 20.19) requires it from our CommonJS build, but Jest does only
// where jest.config.js transforms it. Loaded on first use, an API without an identity provider
// never needs it.
const loadJose = () => import('jose');

/**
 * The access tokens of an OpenID Connect provider: the keys come from the `jwks_uri` its
 * discovery document names, through jose's remote key set, which caches them and fetches
 * them again when a token names a key it does not know (the provider rotated its keys).
 */
export class OidcTokens implements TokenVerifier {
  private discovery?: Promise<OidcMetadata>;
  private keySet?: Promise<JWTVerifyGetKey>;

  constructor(readonly expectations: OidcSettings) {}

  async claimsOf(token: string): Promise<Record<string, unknown>> {
    return this.verified(token, {});
  }

  /**
   * The claims of an ID token the provider issued to `clientId` (the browser sign-in's): signed
   * with the same keys, checked for its issuer and audience here; its nonce is the caller's to check.
   */
  async idTokenClaims(token: string, clientId: string): Promise<Record<string, unknown>> {
    return this.verified(token, { issuer: this.expectations.issuer, audience: clientId });
  }

  /** The provider's discovery document, read once; a failed read is tried again with the next call. */
  metadata(): Promise<OidcMetadata> {
    this.discovery ??= this.discover().catch((error: unknown) => {
      this.discovery = undefined;
      throw error;
    });
    return this.discovery;
  }

  private async verified(token: string, expected: { issuer?: string; audience?: string }): Promise<Record<string, unknown>> {
    const jose = await loadJose();
    // A function rather than the key set itself: jose checks the algorithm first, so a token the
    // provider cannot have signed is refused without asking the provider anything.
    const keyOf: JWTVerifyGetKey = async (header, input) => (await this.keys())(header, input);
    try {
      const { payload } = await jose.jwtVerify(token, keyOf, { algorithms: ASYMMETRIC_ALGORITHMS, ...expected });
      return payload;
    } catch (error) {
      if (error instanceof jose.errors.JWTExpired) {
        throw invalidToken(
          typeof error.payload.exp === 'number' ? `it expired at ${new Date(error.payload.exp * 1000).toISOString()} (exp)` : 'it has expired (exp)',
          'exp',
        );
      }
      if (error instanceof jose.errors.JWTClaimValidationFailed) throw invalidToken(`${error.message} (${error.claim})`, error.claim);
      if (error instanceof jose.errors.JOSEAlgNotAllowed) {
        throw invalidToken(
          `it is signed with ${algorithmOf(jose, token)}, and only the identity provider's tokens (${ASYMMETRIC_ALGORITHMS.join(', ')}) are accepted`,
          'alg',
        );
      }
      if (error instanceof jose.errors.JWKSNoMatchingKey) throw invalidToken("none of the identity provider's keys matches it (kid)", 'kid');
      if (
        error instanceof jose.errors.JWSSignatureVerificationFailed ||
        error instanceof jose.errors.JWSInvalid ||
        error instanceof jose.errors.JWTInvalid ||
        error instanceof jose.errors.JOSENotSupported ||
        error instanceof jose.errors.JWKSMultipleMatchingKeys
      ) {
        throw invalidToken(error.message);
      }
      // The provider unreachable or answering nonsense is no fault of the caller's token.
      throw error;
    }
  }

  /** The provider's key set, found once through discovery; a failed discovery is tried again with the next token. */
  private keys(): Promise<JWTVerifyGetKey> {
    this.keySet ??= this.metadata()
      .then(async (metadata) => (await loadJose()).createRemoteJWKSet(new URL(metadata.jwks_uri)))
      .catch((error: unknown) => {
        this.keySet = undefined;
        throw error;
      });
    return this.keySet;
  }

  private async discover(): Promise<OidcMetadata> {
    const { issuer } = this.expectations;
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let metadata: { [name in keyof OidcMetadata]?: unknown };
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`it answered ${response.status}`);
      metadata = (await response.json()) as typeof metadata;
    } catch (error) {
      throw new Error(`The identity provider's discovery document ${url} could not be read: ${(error as Error).message}`, { cause: error });
    }
    // OpenID Connect Discovery 1.0, section 4.3: the document must name the issuer it was asked for.
    if (metadata.issuer !== issuer)
      throw new Error(`The discovery document ${url} is for the issuer ${String(metadata.issuer)}, not ${issuer} (ACCORD_OIDC_ISSUER)`);
    if (typeof metadata.jwks_uri !== 'string') throw new Error(`The discovery document ${url} names no jwks_uri`);
    const endpoint = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return {
      issuer,
      jwks_uri: metadata.jwks_uri,
      authorization_endpoint: endpoint(metadata.authorization_endpoint),
      token_endpoint: endpoint(metadata.token_endpoint),
    };
  }
}

function algorithmOf(jose: Awaited<ReturnType<typeof loadJose>>, token: string): string {
  try {
    return String(jose.decodeProtectedHeader(token).alg);
  } catch {
    // jose refused the algorithm, so the header did decode; this is only for the message.
    return 'another algorithm';
  }
}
