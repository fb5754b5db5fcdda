import { policyProblems } from '@accord/approvals';
import type { ApprovalKind, ApprovalPolicy } from '@accord/contracts';
import { parseIsoDuration } from '@accord/domain';
import { DefinitionErrorCode as Code, type DefinitionError, formatPath, type PathSegment } from './definition-error';
import { parseDefinitionSource, type ParsedDefinition } from './definition-source.parser';

type Json = Record<string, unknown>;
type Path = readonly PathSegment[];

const ID = /^[a-z][a-z0-9-]*$/;
const ROLE_ID = /^[a-z][a-z0-9_-]*$/;
const STEP_TYPES = ['task', 'approval', 'timer'] as const;
const APPROVAL_KINDS: readonly ApprovalKind[] = ['single', 'sequential', 'all', 'any', 'quorum'];
const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;
const FIELD_KEYS: Record<(typeof FIELD_TYPES)[number], string[]> = {
  string: ['type', 'title', 'enum', 'minLength', 'maxLength', 'pattern', 'format'],
  number: ['type', 'title', 'minimum', 'maximum'],
  integer: ['type', 'title', 'minimum', 'maximum'],
  boolean: ['type', 'title'],
  array: ['type', 'title', 'items', 'minItems', 'maxItems'],
  object: ['type', 'title', 'properties', 'required', 'additionalProperties'],
};

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const typeName = (value: unknown) => (Array.isArray(value) ? 'a list' : value === null ? 'null' : isObject(value) ? 'a mapping' : `a ${typeof value}`);

/** Collects errors with their YAML positions; every rule below adds to it. */
class ErrorSink {
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
      if (!allowed.includes(key)) this.add(Code.UNKNOWN_PROPERTY, [...path, key], `unknown property "${key}"; expected one of ${allowed.join(', ')}`, { key: true });
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
    if (typeof value !== 'string' || value.trim() === '') return void this.add(Code.WRONG_TYPE, [...path, key], `${key} must be a non-empty string, not ${typeName(value)}`);
    if (pattern && !pattern.test(value)) return void this.add(Code.INVALID_VALUE, [...path, key], `${key} "${value}" must be ${patternText}`);
    return value;
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

  duration(parent: Json, key: string, path: Path, { required }: { required: boolean }): void {
    const value = parent[key];
    if (value === undefined) return void (required && this.add(Code.REQUIRED, [...path, key], `${key} is required`));
    if (typeof value !== 'string' || !parseIsoDuration(value)) {
      this.add(Code.BAD_DURATION, [...path, key], `${key} ${JSON.stringify(value)} is not an ISO 8601 duration such as P3D, PT4H or P1W`);
    }
  }
}

interface Declared {
  roles: Set<string>;
  forms: Set<string>;
}

/** Every error in a definition document, with paths and positions; never throws, whatever the input. */
export function validateDefinition(source: string): DefinitionError[] {
  const parsed = parseDefinitionSource(source);
  if (parsed.syntaxErrors.length > 0) return parsed.syntaxErrors;
  const sink = new ErrorSink(parsed);
  try {
    checkDocument(sink, parsed.value);
  } catch (error) {
    // A rule that trips over an input nobody imagined must still answer with an error, not a crash.
    sink.add(Code.INVALID_VALUE, [], `the document could not be checked: ${(error as Error).message}`);
  }
  return sink.errors;
}

function checkDocument(sink: ErrorSink, value: unknown): void {
  const root = sink.mapping(value, [], 'a process definition');
  if (!root) return;
  sink.onlyKeys(root, [], ['key', 'name', 'description', 'starters', 'roles', 'forms', 'stages']);
  sink.requiredString(root, 'key', [], ID, 'lower-case letters, digits and dashes, starting with a letter');
  sink.requiredString(root, 'name', []);
  sink.optionalString(root, 'description', []);
  const declared: Declared = { roles: checkRoles(sink, root), forms: checkForms(sink, root) };
  checkStarters(sink, root, declared);
  checkStages(sink, root, declared);
}

function checkRoles(sink: ErrorSink, root: Json): Set<string> {
  const roles = new Set<string>();
  if (root.roles === undefined || root.roles === null) {
    sink.add(Code.REQUIRED, ['roles'], 'roles is required');
    return roles;
  }
  const map = sink.mapping(root.roles, ['roles'], 'roles');
  if (!map) return roles;
  for (const [id, role] of Object.entries(map)) {
    const path = ['roles', id];
    roles.add(id);
    if (!ROLE_ID.test(id)) sink.add(Code.INVALID_VALUE, path, `role id "${id}" must be lower-case letters, digits, dashes or underscores`, { key: true });
    if (role === null || role === undefined) continue;
    const body = sink.mapping(role, path, `role ${id}`);
    if (!body) continue;
    sink.onlyKeys(body, path, ['name', 'external']);
    sink.optionalString(body, 'name', path);
    if (body.external !== undefined && typeof body.external !== 'boolean') sink.add(Code.WRONG_TYPE, [...path, 'external'], 'external must be true or false');
  }
  if (roles.size === 0) sink.add(Code.REQUIRED, ['roles'], 'declare at least one role');
  return roles;
}

function checkForms(sink: ErrorSink, root: Json): Set<string> {
  const forms = new Set<string>();
  if (root.forms === undefined || root.forms === null) return forms;
  const map = sink.mapping(root.forms, ['forms'], 'forms');
  if (!map) return forms;
  for (const [id, form] of Object.entries(map)) {
    forms.add(id);
    if (!ID.test(id)) sink.add(Code.INVALID_VALUE, ['forms', id], `form id "${id}" must be lower-case letters, digits and dashes`, { key: true });
    const body = sink.mapping(form, ['forms', id], `form ${id}`);
    if (!body) continue;
    if (body.type !== 'object') sink.add(Code.INVALID_VALUE, ['forms', id, 'type'], 'a form is a schema of type object');
    checkField(sink, body, ['forms', id]);
  }
  return forms;
}

function checkField(sink: ErrorSink, field: Json, path: Path): void {
  const type = field.type;
  if (typeof type !== 'string' || !(FIELD_TYPES as readonly string[]).includes(type)) {
    sink.add(type === undefined ? Code.REQUIRED : Code.INVALID_VALUE, [...path, 'type'], `type must be one of ${FIELD_TYPES.join(', ')}`);
    return;
  }
  const fieldType = type as (typeof FIELD_TYPES)[number];
  sink.onlyKeys(field, path, FIELD_KEYS[fieldType]);
  sink.optionalString(field, 'title', path);
  const number = (key: string, { whole }: { whole: boolean }) => {
    const value = field[key];
    if (value !== undefined && (typeof value !== 'number' || (whole && (!Number.isInteger(value) || value < 0)))) {
      sink.add(Code.WRONG_TYPE, [...path, key], `${key} must be ${whole ? 'a whole number ≥ 0' : 'a number'}`);
    }
  };
  switch (fieldType) {
    case 'string': {
      number('minLength', { whole: true });
      number('maxLength', { whole: true });
      const values = field.enum;
      if (values !== undefined && (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string'))) {
        sink.add(Code.WRONG_TYPE, [...path, 'enum'], 'enum must be a non-empty list of strings');
      }
      if (field.pattern !== undefined) {
        try {
          new RegExp(String(field.pattern), 'u');
          if (typeof field.pattern !== 'string') throw new Error('not a string');
        } catch (error) {
          sink.add(Code.INVALID_VALUE, [...path, 'pattern'], `pattern is not a regular expression: ${(error as Error).message}`);
        }
      }
      if (field.format !== undefined && !['date', 'date-time', 'email'].includes(field.format as string)) {
        sink.add(Code.INVALID_VALUE, [...path, 'format'], 'format must be one of date, date-time, email');
      }
      return;
    }
    case 'number':
    case 'integer':
      number('minimum', { whole: false });
      number('maximum', { whole: false });
      return;
    case 'boolean':
      return;
    case 'array': {
      number('minItems', { whole: true });
      number('maxItems', { whole: true });
      if (field.items === undefined) return void sink.add(Code.REQUIRED, [...path, 'items'], 'items is required for an array');
      const items = sink.mapping(field.items, [...path, 'items'], 'items');
      if (items) checkField(sink, items, [...path, 'items']);
      return;
    }
    case 'object': {
      if (field.additionalProperties !== undefined && typeof field.additionalProperties !== 'boolean') {
        sink.add(Code.WRONG_TYPE, [...path, 'additionalProperties'], 'additionalProperties must be true or false');
      }
      if (field.properties === undefined) return void sink.add(Code.REQUIRED, [...path, 'properties'], 'properties is required for an object');
      const properties = sink.mapping(field.properties, [...path, 'properties'], 'properties');
      if (!properties) return;
      for (const [name, property] of Object.entries(properties)) {
        const child = sink.mapping(property, [...path, 'properties', name], `field ${name}`);
        if (child) checkField(sink, child, [...path, 'properties', name]);
      }
      const required = sink.list(field, 'required', path, { required: false });
      required?.forEach((name, index) => {
        if (typeof name !== 'string' || !(name in properties)) sink.add(Code.INVALID_VALUE, [...path, 'required', index], `required names ${JSON.stringify(name)}, which is not a property`);
      });
      return;
    }
  }
}

function checkRoleReference(sink: ErrorSink, role: unknown, path: Path, declared: Declared): void {
  if (typeof role !== 'string') return void sink.add(Code.WRONG_TYPE, path, `a role must be a string, not ${typeName(role)}`);
  if (!declared.roles.has(role)) sink.add(Code.UNKNOWN_ROLE, path, `unknown role "${role}"; declared roles: ${[...declared.roles].join(', ') || 'none'}`);
}

function checkStarters(sink: ErrorSink, root: Json, declared: Declared): void {
  const starters = sink.list(root, 'starters', [], { required: true });
  starters?.forEach((role, index) => checkRoleReference(sink, role, ['starters', index], declared));
}

function checkAssignee(sink: ErrorSink, value: unknown, path: Path, declared: Declared): void {
  const assignee = sink.mapping(value, path, 'an assignee');
  if (!assignee) return;
  sink.onlyKeys(assignee, path, ['role', 'user']);
  const hasRole = assignee.role !== undefined;
  const hasUser = assignee.user !== undefined;
  if (hasRole === hasUser) return void sink.add(Code.INVALID_VALUE, path, 'an assignee names exactly one of role or user');
  if (hasRole) checkRoleReference(sink, assignee.role, [...path, 'role'], declared);
  else sink.optionalString(assignee, 'user', path);
}

function checkFormReference(sink: ErrorSink, step: Json, path: Path, declared: Declared): void {
  const form = sink.optionalString(step, 'form', path);
  if (form !== undefined && !declared.forms.has(form)) sink.add(Code.UNKNOWN_FORM, [...path, 'form'], `unknown form "${form}"; declared forms: ${[...declared.forms].join(', ') || 'none'}`);
}

function checkStages(sink: ErrorSink, root: Json, declared: Declared): void {
  const stages = sink.list(root, 'stages', [], { required: true });
  const stageIds = new Set<string>();
  stages?.forEach((value, index) => {
    const path = ['stages', index];
    const stage = sink.mapping(value, path, 'a stage');
    if (!stage) return;
    sink.onlyKeys(stage, path, ['id', 'name', 'steps']);
    const id = sink.requiredString(stage, 'id', path, ID, 'lower-case letters, digits and dashes, starting with a letter');
    if (id !== undefined) {
      if (stageIds.has(id)) sink.add(Code.DUPLICATE_ID, [...path, 'id'], `stage id "${id}" is used twice`);
      stageIds.add(id);
    }
    sink.optionalString(stage, 'name', path);
    const steps = sink.list(stage, 'steps', path, { required: true });
    const stepIds = new Set<string>();
    steps?.forEach((step, stepIndex) => checkStep(sink, step, [...path, 'steps', stepIndex], declared, stepIds));
  });
}

function checkStep(sink: ErrorSink, value: unknown, path: Path, declared: Declared, stepIds: Set<string>): void {
  const step = sink.mapping(value, path, 'a step');
  if (!step) return;
  const id = sink.requiredString(step, 'id', path, ID, 'lower-case letters, digits and dashes, starting with a letter');
  if (id !== undefined) {
    if (stepIds.has(id)) sink.add(Code.DUPLICATE_ID, [...path, 'id'], `step id "${id}" is used twice in this stage`);
    stepIds.add(id);
  }
  sink.optionalString(step, 'name', path);
  const type = step.type;
  if (type === undefined) return void sink.add(Code.REQUIRED, [...path, 'type'], `type is required: one of ${STEP_TYPES.join(', ')}`);
  if (!(STEP_TYPES as readonly unknown[]).includes(type)) return void sink.add(Code.INVALID_VALUE, [...path, 'type'], `type ${JSON.stringify(type)} must be one of ${STEP_TYPES.join(', ')}`);
  switch (type as (typeof STEP_TYPES)[number]) {
    case 'task': {
      sink.onlyKeys(step, path, ['id', 'name', 'type', 'assignee', 'form', 'outcomes', 'due']);
      if (step.assignee === undefined) sink.add(Code.REQUIRED, [...path, 'assignee'], 'a task needs an assignee');
      else checkAssignee(sink, step.assignee, [...path, 'assignee'], declared);
      checkFormReference(sink, step, path, declared);
      sink.duration(step, 'due', path, { required: false });
      const outcomes = sink.list(step, 'outcomes', path, { required: false });
      if (outcomes !== undefined) {
        if (outcomes.length === 0) sink.add(Code.REQUIRED, [...path, 'outcomes'], 'outcomes must not be empty');
        const seen = new Set<unknown>();
        outcomes.forEach((outcome, index) => {
          if (typeof outcome !== 'string' || outcome === '') sink.add(Code.WRONG_TYPE, [...path, 'outcomes', index], 'an outcome must be a non-empty string');
          else if (seen.has(outcome)) sink.add(Code.DUPLICATE_ID, [...path, 'outcomes', index], `outcome "${outcome}" is listed twice`);
          seen.add(outcome);
        });
      }
      return;
    }
    case 'approval':
      sink.onlyKeys(step, path, ['id', 'name', 'type', 'policy', 'form']);
      checkFormReference(sink, step, path, declared);
      if (step.policy === undefined) return void sink.add(Code.REQUIRED, [...path, 'policy'], 'an approval needs a policy');
      checkPolicy(sink, step.policy, [...path, 'policy'], declared);
      return;
    case 'timer':
      sink.onlyKeys(step, path, ['id', 'name', 'type', 'duration']);
      sink.duration(step, 'duration', path, { required: true });
      return;
  }
}

function checkPolicy(sink: ErrorSink, value: unknown, path: Path, declared: Declared): void {
  const policy = sink.mapping(value, path, 'a policy');
  if (!policy) return;
  sink.onlyKeys(policy, path, ['kind', 'approvers', 'quorum']);
  const kind = policy.kind;
  if (!APPROVAL_KINDS.includes(kind as ApprovalKind)) {
    sink.add(kind === undefined ? Code.REQUIRED : Code.INVALID_VALUE, [...path, 'kind'], `kind must be one of ${APPROVAL_KINDS.join(', ')}`);
  }
  const approvers = sink.list(policy, 'approvers', path, { required: true });
  approvers?.forEach((approver, index) => checkAssignee(sink, approver, [...path, 'approvers', index], declared));
  if (policy.quorum !== undefined && typeof policy.quorum !== 'number') sink.add(Code.WRONG_TYPE, [...path, 'quorum'], 'quorum must be a number');
  if (APPROVAL_KINDS.includes(kind as ApprovalKind) && approvers && approvers.length > 0) {
    for (const problem of policyProblems(policy as unknown as ApprovalPolicy)) sink.add(Code.BAD_POLICY, path, problem);
  }
}
