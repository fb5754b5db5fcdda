// Mints a local bearer token for the scripts (`accord token`, chaos, bench) as the API's
// TokenService does: HS256 with ACCORD_JWT_SECRET, `sub`, `roles`, `exp`, and the `iss` and
// `aud` the API expects, or it answers 401.
const jwt = require('jsonwebtoken');

/** The defaults of ACCORD_TOKEN_ISSUER and ACCORD_TOKEN_AUDIENCE in libs/runtime/src/accord.config.ts. */
const DEFAULTS = { issuer: 'accord', audience: 'accord-api' };

/** A token for `user` with `roles`, expiring after `expiresIn` (seconds, or a span such as '12h'). */
function mintLocalToken({ secret, user, roles, expiresIn, env = process.env }) {
  return jwt.sign({ roles }, secret, {
    algorithm: 'HS256',
    subject: user,
    expiresIn,
    issuer: env.ACCORD_TOKEN_ISSUER || DEFAULTS.issuer,
    audience: env.ACCORD_TOKEN_AUDIENCE || DEFAULTS.audience,
  });
}

module.exports = { mintLocalToken };
