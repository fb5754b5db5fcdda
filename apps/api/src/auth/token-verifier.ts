/** What a token must say for Accord to take it: who issued it, for whom, and where its user and roles are. */
export interface TokenExpectations {
  issuer: string;
  audience: string;
  /** Claim name or dotted path of the user id. */
  userClaim: string;
  /** Claim name or dotted path of the roles (an array of strings). */
  rolesClaim: string;
}

/**
 * Checks a token's signature and lifetime and hands back its claims; what the claims say is
 * checked once for every verifier, against its expectations (authUserOf).
 */
export interface TokenVerifier {
  readonly expectations: TokenExpectations;
  claimsOf(token: string): Promise<Record<string, unknown>>;
}
