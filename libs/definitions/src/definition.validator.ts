import { ENGINE_SIGNALS, METRIC_NAMES, type VariableType, WEEKDAYS } from '@accord/contracts';
import { conditionEnvironment, fitsVariableType, isTimeZone } from '@accord/domain';
import { isCalendarDate } from './calendar-date';
import { DefinitionErrorCode as Code, type DefinitionError, formatPath } from './definition-error';
import { type ParsedDefinition, parseDefinitionSource } from './definition-source.parser';
import { durationLimits } from './duration.rules';
import { ErrorSink, isObject, type Json, type Path } from './error-sink';
import { checkForms } from './form-schema.rules';
import { checkCondition, checkFormReference, checkRoleReference, checkStepList, type Declared, ID, ID_TEXT } from './step.rules';

const ROLE_ID = /^[a-z][a-z0-9_-]*$/;
const VARIABLE_NAME = /^[a-z][a-zA-Z0-9_]*$/;
const VARIABLE_TYPES: readonly VariableType[] = ['string', 'number', 'integer', 'boolean', 'date'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RESERVED_NAMES = ['steps', 'stage', 'project'];

/** Every error in a definition document, with paths and positions; never throws, whatever the input. */
export function validateDefinition(source: string): DefinitionError[] {
  return validateParsedDefinition(parseDefinitionSource(source));
}

/** Every error in an already parsed definition (the compiler parses once for both). */
export function validateParsedDefinition(parsed: ParsedDefinition): DefinitionError[] {
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
  sink.onlyKeys(root, [], ['key', 'name', 'description', 'starters', 'roles', 'forms', 'calendar', 'variables', 'stages', 'on']);
  sink.requiredString(root, 'key', [], ID, ID_TEXT);
  sink.requiredString(root, 'name', []);
  sink.optionalString(root, 'description', []);
  checkCalendar(sink, root);
  const variables = checkVariables(sink, root);
  const declared: Declared = {
    roles: checkRoles(sink, root),
    forms: checkForms(sink, root),
    stages: stageIds(root),
    steps: stepIds(root),
    variables,
    conditions: conditionEnvironment(variables),
    durations: durationLimits(root.calendar),
  };
  sink.list(root, 'starters', [], { required: true })?.forEach((role, index) => checkRoleReference(sink, role, ['starters', index], declared));
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

function checkCalendar(sink: ErrorSink, root: Json): void {
  if (root.calendar === undefined) return;
  const calendar = sink.mapping(root.calendar, ['calendar'], 'calendar');
  if (!calendar) return;
  sink.onlyKeys(calendar, ['calendar'], ['timezone', 'workdays', 'holidays']);
  const timezone = sink.optionalString(calendar, 'timezone', ['calendar']);
  if (timezone !== undefined && !isTimeZone(timezone))
    sink.add(Code.BAD_CALENDAR, ['calendar', 'timezone'], `"${timezone}" is not an IANA time zone such as Asia/Shanghai`);
  const workdays = sink.stringList(calendar, 'workdays', ['calendar'], { required: false });
  workdays.forEach((day, index) => {
    if (!(WEEKDAYS as readonly string[]).includes(day))
      sink.add(Code.BAD_CALENDAR, ['calendar', 'workdays', index], `"${day}" must be one of ${WEEKDAYS.join(', ')}`);
  });
  if (calendar.workdays !== undefined && workdays.length === 0)
    sink.add(Code.BAD_CALENDAR, ['calendar', 'workdays'], 'a calendar needs at least one working day');
  sink.stringList(calendar, 'holidays', ['calendar'], { required: false }).forEach((date, index) => {
    if (!DATE.test(date)) sink.add(Code.BAD_CALENDAR, ['calendar', 'holidays', index], `"${date}" must be a date YYYY-MM-DD`);
    else if (!isCalendarDate(date)) sink.add(Code.IMPOSSIBLE_DATE, ['calendar', 'holidays', index], `holiday "${date}" is not a day of the calendar`);
  });
}

function checkVariables(sink: ErrorSink, root: Json): Record<string, VariableType> {
  const variables: Record<string, VariableType> = {};
  if (root.variables === undefined) return variables;
  const map = sink.mapping(root.variables, ['variables'], 'variables');
  if (!map) return variables;
  for (const [name, value] of Object.entries(map)) {
    const path = ['variables', name];
    if (!VARIABLE_NAME.test(name) || RESERVED_NAMES.includes(name)) {
      sink.add(
        Code.INVALID_VALUE,
        path,
        `variable name "${name}" must be letters, digits and underscores starting with a lower-case letter, and not ${RESERVED_NAMES.join(', ')}`,
        { key: true },
      );
      continue;
    }
    const variable = sink.mapping(value, path, `variable ${name}`);
    if (!variable) continue;
    sink.onlyKeys(variable, path, ['type', 'description', 'default']);
    sink.optionalString(variable, 'description', path);
    const type = sink.oneOf(variable, 'type', path, VARIABLE_TYPES, { required: true });
    if (!type) continue;
    variables[name] = type;
    const fallback = variable.default;
    if (fallback !== undefined && !fitsVariableType(type, fallback))
      sink.add(Code.WRONG_TYPE, [...path, 'default'], `default ${JSON.stringify(fallback)} is not a ${type}`);
    else if (type === 'date' && fallback !== undefined && !isCalendarDate(fallback as string))
      sink.add(Code.IMPOSSIBLE_DATE, [...path, 'default'], `default "${fallback}" is not a day of the calendar`);
  }
  return variables;
}

function stageIds(root: Json): Set<string> {
  const stages = Array.isArray(root.stages) ? root.stages : [];
  return new Set(stages.map((stage) => (isObject(stage) ? stage.id : undefined)).filter((id): id is string => typeof id === 'string'));
}

/** Every step id written in the document, in branches and cadences too. */
function stepIds(root: Json): Set<string> {
  const ids = new Set<string>();
  const walk = (steps: unknown) => {
    if (!Array.isArray(steps)) return;
    for (const step of steps) {
      if (!isObject(step)) continue;
      if (typeof step.id === 'string') ids.add(step.id);
      if (Array.isArray(step.branches)) step.branches.forEach((branch) => isObject(branch) && walk(branch.steps));
    }
  };
  if (Array.isArray(root.stages)) root.stages.forEach((stage) => isObject(stage) && walk(stage.steps));
  return ids;
}

function checkStages(sink: ErrorSink, root: Json, declared: Declared): void {
  const stages = sink.list(root, 'stages', [], { required: true });
  if (!stages) return;
  const seen = new Set<string>();
  const started = new Set<string>();
  const signals: SignalDeclarations = new Map();
  stages.forEach((value, index) => {
    const path = ['stages', index];
    const stage = sink.mapping(value, path, 'a stage');
    if (!stage) return;
    sink.onlyKeys(stage, path, ['id', 'name', 'trigger', 'when', 'steps', 'on']);
    const id = sink.requiredString(stage, 'id', path, ID, ID_TEXT);
    if (id !== undefined) {
      if (seen.has(id)) sink.add(Code.DUPLICATE_ID, [...path, 'id'], `stage id "${id}" is used twice`);
      seen.add(id);
    }
    sink.optionalString(stage, 'name', path);
    sink.oneOf(stage, 'trigger', path, ['sequence', 'on-demand'] as const, { required: false });
    checkCondition(sink, stage, 'when', path, declared, { required: false });
    checkStepList(sink, stage, 'steps', path, declared, { ids: new Set() });
    checkHandlers(sink, stage, path, declared, { started, signals }, id);
  });
  // Handlers of the whole process are heard whatever stage runs.
  checkHandlers(sink, root, [], declared, { started, signals });
  // Stages started by subprocess steps count as started too.
  collectSubprocessStages(stages, started);
  stages.forEach((stage, index) => {
    if (isObject(stage) && stage.trigger === 'on-demand' && typeof stage.id === 'string' && !started.has(stage.id)) {
      sink.add(Code.UNREACHABLE_STAGE, ['stages', index], `on-demand stage "${stage.id}" is never started: no handler or subprocess names it`);
    }
  });
}

/** Who may raise each signal and the form of its data, as the first handler of the signal declares them. */
type SignalDeclarations = Map<string, { path: Path; raisedBy?: string[]; form?: string }>;

/**
 * The `on:` list of a stage, or of the process (no `ownStage`): each handler names exactly one
 * of signal or metric, and an existing stage to start, which then counts as started. A signal
 * handler may say who raises the signal (`raisedBy`) and the form of its data (`form`).
 */
function checkHandlers(
  sink: ErrorSink,
  owner: Json,
  path: Path,
  declared: Declared,
  seen: { started: Set<string>; signals: SignalDeclarations },
  ownStage?: string,
): void {
  sink.list(owner, 'on', path, { required: false })?.forEach((handlerValue, handlerIndex) => {
    const at = [...path, 'on', handlerIndex];
    const handler = sink.mapping(handlerValue, at, 'a handler');
    if (!handler) return;
    const isSignal = handler.signal !== undefined;
    if (isSignal === (handler.metric !== undefined)) return void sink.add(Code.INVALID_VALUE, at, 'a handler names exactly one of signal or metric');
    sink.onlyKeys(handler, at, isSignal ? ['signal', 'start', 'raisedBy', 'form'] : ['metric', 'above', 'below', 'start']);
    if (isSignal) {
      const signal = sink.requiredString(handler, 'signal', at, ID, ID_TEXT);
      if (signal !== undefined) checkSignalDeclaration(sink, handler, at, signal, declared, seen.signals);
    } else {
      sink.oneOf(handler, 'metric', at, METRIC_NAMES, { required: true });
      const bounds = ['above', 'below'].filter((key) => handler[key] !== undefined);
      if (bounds.length !== 1) sink.add(Code.INVALID_VALUE, at, 'a metric handler names exactly one of above or below');
      for (const key of bounds) if (typeof handler[key] !== 'number') sink.add(Code.WRONG_TYPE, [...at, key], `${key} must be a number`);
    }
    const start = sink.requiredString(handler, 'start', at);
    if (start === undefined) return;
    if (!declared.stages.has(start)) sink.add(Code.UNKNOWN_STAGE, [...at, 'start'], `unknown stage "${start}"`);
    // Each event would start another run of the stage that hears it, each run listening again;
    // and starting itself does not make an on-demand stage reachable.
    if (start === ownStage)
      sink.add(Code.HANDLER_STARTS_OWN_STAGE, [...at, 'start'], `a handler of stage "${ownStage}" cannot start "${ownStage}" itself; start an on-demand stage`);
    else seen.started.add(start);
  });
}

/**
 * `raisedBy` (roles of the definition) and `form` (one of its forms) of a signal handler. The API
 * checks them before it knows which stage runs, so every handler of one signal must declare the
 * same ones (or none): otherwise who may raise it would change with the stage that runs.
 */
function checkSignalDeclaration(sink: ErrorSink, handler: Json, at: Path, signal: string, declared: Declared, signals: SignalDeclarations): void {
  const raisedBy = handler.raisedBy === undefined ? undefined : sink.list(handler, 'raisedBy', at, { required: true });
  raisedBy?.forEach((role, index) => checkRoleReference(sink, role, [...at, 'raisedBy', index], declared));
  checkFormReference(sink, handler, 'form', at, declared);
  if (ENGINE_SIGNALS.includes(signal)) {
    for (const key of ['raisedBy', 'form'].filter((name) => handler[name] !== undefined)) {
      sink.add(Code.INVALID_VALUE, [...at, key], `${signal} is raised by Accord itself, never through the API: ${key} does not apply to it`);
    }
    return;
  }
  const roles = raisedBy?.filter((role): role is string => typeof role === 'string');
  const form = typeof handler.form === 'string' ? handler.form : undefined;
  const first = signals.get(signal);
  if (!first) return void signals.set(signal, { path: at, raisedBy: roles, form });
  const where = formatPath(first.path);
  if (!sameRoles(first.raisedBy, roles)) {
    const theirs = first.raisedBy ? `raisedBy [${first.raisedBy.join(', ')}]` : 'no raisedBy (any member)';
    sink.add(
      Code.CONFLICTING_HANDLERS,
      handler.raisedBy === undefined ? at : [...at, 'raisedBy'],
      `the handler at ${where} declares ${theirs} for "${signal}": every handler of a signal declares the same raisedBy`,
    );
  }
  if (first.form !== form) {
    const theirs = first.form ? `form ${first.form}` : 'no form';
    sink.add(
      Code.CONFLICTING_HANDLERS,
      handler.form === undefined ? at : [...at, 'form'],
      `the handler at ${where} declares ${theirs} for "${signal}": every handler of a signal declares the same form`,
    );
  }
}

const sameRoles = (one: string[] | undefined, other: string[] | undefined) =>
  one === undefined || other === undefined ? one === other : new Set(one).size === new Set(other).size && one.every((role) => other.includes(role));

function collectSubprocessStages(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) return value.forEach((item) => collectSubprocessStages(item, into));
  if (!isObject(value)) return;
  if (value.type === 'subprocess' && typeof value.stage === 'string') into.add(value.stage);
  Object.values(value).forEach((child) => collectSubprocessStages(child, into));
}
