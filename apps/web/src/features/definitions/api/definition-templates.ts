/** Where a new definition's text comes from: a blank skeleton, or a copy of another key's latest version under the new key. */
export function blankDefinition(key: string): string {
  return `key: ${key}
name: ${key}
starters: [pm]
roles:
  pm: { name: Project manager }
stages:
  - id: first
    steps:
      - { id: first-task, name: First task, type: task, assignee: { role: pm } }
`;
}

/** The source of another definition with its top-level key replaced (the API refuses a draft whose key is not its path's). */
export function copyUnderKey(source: string, key: string): string {
  return /^key:.*$/m.test(source) ? source.replace(/^key:.*$/m, `key: ${key}`) : `key: ${key}\n${source}`;
}

/** A definition key as the API takes it. */
export const DEFINITION_KEY = /^[a-z][a-z0-9-]*$/;
