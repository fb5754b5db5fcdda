import { Injectable } from '@nestjs/common';
import { AccordConfig } from '@accord/runtime';
import type { AuthUser } from './auth-user';
import { authUserOf } from './auth-user-of';
import { LocalTokens } from './local-tokens';
import { OidcTokens } from './oidc-tokens';
import type { TokenVerifier } from './token-verifier';

/**
 * Verifies bearer tokens (and the session cookie's) with one of two verifiers, chosen at boot:
 * an OpenID Connect provider's when ACCORD_OIDC_ISSUER is set, and then only its tokens are
 * taken; otherwise Accord's own HS256 tokens. Either way a token must expire and carry the
 * expected issuer and audience.
 */
@Injectable()
export class TokenService {
  private readonly verifier: TokenVerifier;
  private readonly local?: LocalTokens;
  /** The identity provider's verifier, when one is configured: the browser sign-in shares its discovery and keys. */
  readonly provider?: OidcTokens;

  constructor(config: AccordConfig) {
    if (config.ACCORD_OIDC_ISSUER) {
      this.verifier = this.provider = new OidcTokens({
        issuer: config.ACCORD_OIDC_ISSUER,
        audience: config.ACCORD_OIDC_AUDIENCE!,
        userClaim: config.ACCORD_OIDC_USER_CLAIM,
        rolesClaim: config.ACCORD_OIDC_ROLES_CLAIM,
      });
    } else {
      this.verifier = this.local = new LocalTokens(config.ACCORD_JWT_SECRET!, config.ACCORD_TOKEN_ISSUER, config.ACCORD_TOKEN_AUDIENCE);
    }
  }

  /** The caller a token names; an AuthException (401) saying what is wrong otherwise. */
  async verify(token: string): Promise<AuthUser> {
    return authUserOf(await this.verifier.claimsOf(token), this.verifier.expectations);
  }

  /** Mints a local token, as `accord token` does, for a local session. */
  sign(user: AuthUser, expiresInSeconds: number): { token: string; expiresAt: Date } {
    // Local sign-in, the only caller, is off while an identity provider is configured.
    if (!this.local) throw new Error('Accord mints no tokens while an identity provider (ACCORD_OIDC_ISSUER) is configured');
    return this.local.sign(user, expiresInSeconds);
  }
}
