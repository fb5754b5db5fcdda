/** A person whose every role is `customer` reads no customer record: the record is the company's view of them. */
export function isCustomerOnly(roles: readonly string[]): boolean {
  return roles.length > 0 && roles.every((role) => role === 'customer');
}

export const isAdmin = (roles: readonly string[]) => roles.includes('admin');
/** Those who read the company's analytics settings: admins change them, auditors read them. */
export const readsAnalyticsSettings = (roles: readonly string[]) => roles.includes('admin') || roles.includes('auditor');
