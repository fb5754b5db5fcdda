/** Roles that see a project from outside: the API keeps the internal trail (timeline, KPIs, audit) from them. */
const EXTERNAL_ROLES: ReadonlySet<string> = new Set(['customer']);

/** True when every role of the person is external: they get the portal, not the internal pages. */
export function isExternalOnly(roles: readonly string[]): boolean {
  return roles.length > 0 && roles.every((role) => EXTERNAL_ROLES.has(role));
}
