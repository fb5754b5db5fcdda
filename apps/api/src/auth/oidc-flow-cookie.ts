import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** The cookie that carries a browser sign-in from the API to the provider and back. */
export const OIDC_FLOW_COOKIE = 'accord_oidc_flow';

/** Sent only to the callback (and set by the sign-in), never with API calls. */
export const OIDC_FLOW_COOKIE_PATH = '/auth/oidc';

/** Ten minutes to sign in at the provider; after that the callback refuses and the person starts again. */
export const OIDC_FLOW_SECONDS = 10 * 60;

/** What the callback must find again: the values sent to the provider, and where the person was going. */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/**
 * Seals a sign-in's flow into the cookie's value (AES-256-GCM), so that the browser can neither
 * read the PKCE verifier nor change where it will be sent back to, and the API keeps no state:
 * any instance that shares the key can finish a sign-in another began.
 */
export class OidcFlowSeal {
  private readonly key: Buffer;

  /** `secret`: shared by every API instance (see docs/identity.md); unset, a key of this process only. */
  constructor(secret: string | undefined) {
    const material = secret ?? randomBytes(32).toString('hex');
    this.key = Buffer.from(hkdfSync('sha256', material, 'accord', 'accord oidc flow cookie', 32));
  }

  seal(flow: OidcFlow, now = Date.now()): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const plain = JSON.stringify({ ...flow, exp: Math.floor(now / 1000) + OIDC_FLOW_SECONDS });
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, sealed, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
  }

  /** The flow a cookie value seals, or undefined when it was not sealed here, was changed, or is older than ten minutes. */
  open(value: string | undefined, now = Date.now()): OidcFlow | undefined {
    const parts = value?.split('.') ?? [];
    if (parts.length !== 3) return undefined;
    const [iv, sealed, tag] = parts.map((part) => Buffer.from(part, 'base64url'));
    let flow: Partial<OidcFlow> & { exp?: unknown };
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAuthTag(tag);
      flow = JSON.parse(Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8'));
    } catch {
      // A forged, truncated or foreign cookie: as if there were none, the callback then refuses.
      return undefined;
    }
    if (typeof flow.exp !== 'number' || flow.exp * 1000 <= now) return undefined;
    const { state, nonce, codeVerifier, returnTo } = flow;
    if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string' || typeof returnTo !== 'string') return undefined;
    return { state, nonce, codeVerifier, returnTo };
  }
}
