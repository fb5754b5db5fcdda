/** The authenticated caller of a request. */
export interface AuthUser {
  userId: string;
  roles: string[];
  /** When the credential that signed the request in runs out; a long-lived stream ends then. */
  expiresAt?: Date;
}

/** Roles that see every project: admins manage, auditors read. */
export const OVERSEER_ROLES = ['admin', 'auditor'] as const;

export function isOverseer(user: AuthUser): boolean {
  return user.roles.some((role) => (OVERSEER_ROLES as readonly string[]).includes(role));
}
