/** Who is signed in, as every page sees it, whatever signed them in. */
export interface Session {
  user: string;
  roles: string[];
  expiresAt: string;
}

/**
 * The boundary between the pages and how people sign in. Local sign-in (pick a person) is
 * one implementation; an OpenID Connect provider is another: its signIn() redirects to the
 * identity provider and its callback sets the same HttpOnly session cookie. Pages only ever
 * call useSession() / useAuth(), so swapping the provider touches no page.
 */
export interface AuthProvider {
  /** The session of the current browser, or null when nobody is signed in. */
  currentSession(): Promise<Session | null>;
  /** Sends the person to sign in, to come back to `returnTo` (a path inside the app) afterwards. */
  signIn(returnTo: string): void;
  /** Ends the session (the server clears the cookie). */
  signOut(): Promise<void>;
}

/** A path inside the app to come back to: never another origin (`//evil`, `https:`). */
export function safeReturnTo(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}
