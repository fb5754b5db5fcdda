/** Who reads the operations pages: admins and auditors (the API answers 403 to everyone else). */
export function mayOperate(roles: readonly string[]): boolean {
  return roles.includes('admin') || roles.includes('auditor');
}

/** Who retries, skips, cancels and redelivers: admins only; auditors read. */
export function mayAct(roles: readonly string[]): boolean {
  return roles.includes('admin');
}
