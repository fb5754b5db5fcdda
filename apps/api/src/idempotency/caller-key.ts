/**
 * The value with every string equal to the derived key given back as the caller's own key, so
 * that a response's `requestId` echoes what the caller sent, as it did before keys were scoped.
 */
export function withCallerKey(value: unknown, derivedKey: string, key: string): unknown {
  if (value === derivedKey) return key;
  if (Array.isArray(value)) return value.map((item) => withCallerKey(item, derivedKey, key));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, withCallerKey(member, derivedKey, key)]));
}
