import { DefinitionErrorCode as Code, type DefinitionError, formatPath, type PathSegment } from './definition-error';
import type { ParsedDefinition } from './definition-source.parser';

export type Json = Record<string, unknown>;
export type Path = readonly PathSegment[];

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const typeName = (value: unknown) => (Array.isArray(value) ? 'a list' : value === null ? 'null' : isObject(value) ? 'a mapping' : `a ${typeof value}`);

/** Declared names for a message: the first ten, and how many more (every name in every error made output grow quadratically). */
export function someOf(names: ReadonlySet<string>, most = 10): string {
  const shown: string[] = [];
  for (const name of names) {
    if (shown.length === most) break;
    shown.push(name);
  }
  if (shown.length === 0) return 'none';
  return names.size > shown.length ? `${shown.join(', ')} and ${names.size - shown.length} more` : shown.join(', ');
}

/** Collects errors with their YAML positions; every validation rule adds to one. */
export class ErrorSink {
  readonly errors: DefinitionError[] = [];

  constructor(private readonly parsed: ParsedDefinition) {}

  add(code: Code, path: Path, message: string, options: { key?: boolean } = {}): void {
    this.errors.push({ code, path: formatPath(path), message, ...this.parsed.positionOf(path, options) });
  }

  /** The value at `path` if it is a mapping; records WRONG_TYPE otherwise. */
  mapping(value: unknown, path: Path, what: string): Json | undefined {
    if (isObject(value)) return value;
    this.add(Code.WRONG_TYPE, path, `${what} must be a mapping, not ${typeName(value)}`);
    return undefined;
  }

  /** Records UNKNOWN_PROPERTY for each key outside `allowed`: typos must not pass silently. */
  onlyKeys(value: Json, path: Path, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key))
        this.add(Code.UNKNOWN_PROPERTY, [...path, key], `unknown property "${key}"; expected one of ${allowed.join(', ')}`, { key: true });
    }
  }

  requiredString(parent: Json, key: string, path: Path, pattern?: RegExp, patternText?: string): string | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return void this.add(Code.REQUIRED, [...path, key], `${key} is required`);
    return this.optionalString(parent, key, path, pattern, patternText);
  }

  optionalString(parent: Json, key: string, path: Path, pattern?: RegExp, patternText?: string): string | undefined {
    const value = parent[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '')
      return void this.add(Code.WRONG_TYPE, [...path, key], `${key} must be a non-empty string, not ${typeName(value)}`);
    if (pattern && !pattern.test(value)) return void this.add(Code.INVALID_VALUE, [...path, key], `${key} "${value}" must be ${patternText}`);
    return value;
  }

  oneOf<T extends string>(parent: Json, key: string, path: Path, allowed: readonly T[], { required }: { required: boolean }): T | undefined {
    const value = parent[key];
    if (value === undefined) return void (required && this.add(Code.REQUIRED, [...path, key], `${key} is required: one of ${allowed.join(', ')}`));
    if (!allowed.includes(value as T))
      return void this.add(Code.INVALID_VALUE, [...path, key], `${key} ${JSON.stringify(value)} must be one of ${allowed.join(', ')}`);
    return value as T;
  }

  list(parent: Json, key: string, path: Path, { required }: { required: boolean }): unknown[] | undefined {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (required) this.add(Code.REQUIRED, [...path, key], `${key} is required`);
      return undefined;
    }
    if (!Array.isArray(value)) return void this.add(Code.WRONG_TYPE, [...path, key], `${key} must be a list, not ${typeName(value)}`);
    if (required && value.length === 0) this.add(Code.REQUIRED, [...path, key], `${key} must not be empty`);
    return value;
  }

  stringList(parent: Json, key: string, path: Path, { required }: { required: boolean }): string[] {
    const items = this.list(parent, key, path, { required }) ?? [];
    items.forEach((item, index) => {
      if (typeof item !== 'string' || item === '') this.add(Code.WRONG_TYPE, [...path, key, index], 'must be a non-empty string');
    });
    return items.filter((item): item is string => typeof item === 'string');
  }

  wholeNumber(parent: Json, key: string, path: Path, { min, required }: { min: number; required: boolean }): number | undefined {
    const value = parent[key];
    if (value === undefined) return void (required && this.add(Code.REQUIRED, [...path, key], `${key} is required`));
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
      return void this.add(Code.INVALID_VALUE, [...path, key], `${key} must be a whole number ≥ ${min}`);
    return value;
  }
}
