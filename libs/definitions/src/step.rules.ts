import type { Environment } from '@marcbachmann/cel-js';
import { policyProblems } from '@accord/approvals';
import {
  type ApprovalKind,
  type ApprovalPolicy,
  END_OF_STAGE,
  SERVICE_ACTIONS,
  type ServiceAction,
  STEP_TYPES,
  type StepType,
  type VariableType,
} from '@accord/contracts';
import { conditionProblem, fitsVariableType } from '@accord/domain';
import { isCalendarDate } from './calendar-date';
import { DefinitionErrorCode as Code } from './definition-error';
import { checkDeadlineLead, checkDuration, type DurationLimits, SHORTEST_CADENCE_MS } from './duration.rules';
import { ErrorSink, isObject, type Json, type Path, someOf, typeName } from './error-sink';
import { checkStepFlow } from './step-flow.rules';

export const ID = /^[a-z][a-z0-9-]*$/;
export const ID_TEXT = 'lower-case letters, digits and dashes, starting with a letter';
const APPROVAL_KINDS: readonly ApprovalKind[] = ['single', 'sequential', 'all', 'any', 'quorum'];
const COMMON_KEYS = ['id', 'name', 'type', 'when'];
const STEP_KEYS: Record<StepType, string[]> = {
  task: ['assignee', 'assigneeFrom', 'form', 'outcomes', 'due', 'priority', 'escalations', 'pauseWhileWaitingOnExternal'],
  approval: ['policy', 'form', 'onReject', 'due', 'timeout', 'escalations', 'pauseWhileWaitingOnExternal'],
  timer: ['duration', 'until'],
  meeting: ['title', 'organizer', 'attendees', 'agenda', 'minutesForm', 'actionItems', 'due', 'escalations', 'pauseWhileWaitingOnExternal'],
  cadence: ['every', 'beforeDeadlines', 'onNonWorkingDay', 'from', 'until', 'step'],
  gate: ['routes', 'default'],
  parallel: ['join', 'branches'],
  service: ['action', 'with'],
  subprocess: ['stage', 'definition', 'version'],
};
const REPEATABLE: readonly StepType[] = ['meeting', 'task', 'service'];

/** What the rest of the document declares, for checking references from steps. */
export interface Declared {
  roles: Set<string>;
  forms: Set<string>;
  stages: Set<string>;
  /** Every step id of every stage (branches and cadences included), for service arguments that name a step. */
  steps: Set<string>;
  variables: Record<string, VariableType>;
  conditions: Environment;
  durations: DurationLimits;
}

/**
 * The steps each domain service reads, by argument: `required` and `optional` name one
 * step, `lists` several (the document's intake tasks). A cadence's id stands for its latest occurrence.
 */
const STEP_REFERENCES: Partial<Record<ServiceAction, { required: string[]; optional: string[]; lists: string[] }>> = {
  'write-expectation-document': { required: ['document'], optional: ['analysis', 'approval'], lists: ['intake'] },
  'publish-baseline': { required: ['goals'], optional: ['signatures', 'change', 'document'], lists: [] },
  'compute-metrics': { required: ['progress'], optional: [], lists: [] },
  'record-kpis': { required: [], optional: ['survey', 'verification'], lists: [] },
  'record-deviation-analysis': { required: ['analysis'], optional: ['followUp', 'replan', 'lessons'], lists: [] },
  'incentive-recommendation': { required: [], optional: [], lists: [] },
};

/**
 * Where a step sits in the stage: in which list (numbered as met) at which index, from the
 * stage's own list down through parallel branches.
 */
type Chain = readonly (readonly [list: number, index: number])[];

/** A cadence's `until: { reached }`, checked once every step id of the stage is known. */
type ReachedReference = { reached: string; path: Path; cadence?: string; inner?: string; chain: Chain };

/**
 * Step ids are unique within a stage, across its branches and cadences. The other fields are
 * filled by the stage's outermost step list, for references that may name a later step.
 */
type StageScope = { ids: Set<string>; lists?: number; chains?: Map<string, Chain>; reached?: ReachedReference[] };

/**
 * Where a step sits in its list: its index, and the first index of each id of the list, so that
 * "an earlier step" and "a step of this list" are lookups, not scans (a scan per step made a
 * long list quadratic).
 */
type ListPlace = { index: number; positions: ReadonlyMap<string, number>; chain: Chain };
const NO_LIST: ListPlace = { index: 0, positions: new Map(), chain: [] };
const isEarlier = (id: string, place: ListPlace) => (place.positions.get(id) ?? Infinity) < place.index;

export function checkCondition(sink: ErrorSink, parent: Json, key: string, path: Path, declared: Declared, { required }: { required: boolean }): void {
  const value = parent[key];
  if (value === undefined) return void (required && sink.add(Code.REQUIRED, [...path, key], `${key} is required: a condition such as deviation > 0.1`));
  if (typeof value !== 'string' || value.trim() === '')
    return void sink.add(Code.WRONG_TYPE, [...path, key], `${key} must be a condition (text), not ${typeName(value)}`);
  const problem = conditionProblem(declared.conditions, value);
  if (problem) sink.add(problem.startsWith('Unknown variable') ? Code.UNKNOWN_VARIABLE : Code.BAD_EXPRESSION, [...path, key], `${key} "${value}": ${problem}`);
}

export function checkRoleReference(sink: ErrorSink, role: unknown, path: Path, declared: Declared): void {
  if (typeof role !== 'string') return void sink.add(Code.WRONG_TYPE, path, `a role must be a string, not ${typeName(role)}`);
  if (!declared.roles.has(role)) sink.add(Code.UNKNOWN_ROLE, path, `unknown role "${role}"; declared roles: ${someOf(declared.roles)}`);
}

function checkAssignee(sink: ErrorSink, value: unknown, path: Path, declared: Declared): void {
  const assignee = sink.mapping(value, path, 'an assignee');
  if (!assignee) return;
  sink.onlyKeys(assignee, path, ['role', 'user']);
  const hasRole = assignee.role !== undefined;
  if (hasRole === (assignee.user !== undefined)) return void sink.add(Code.INVALID_VALUE, path, 'an assignee names exactly one of role or user');
  if (hasRole) checkRoleReference(sink, assignee.role, [...path, 'role'], declared);
  else sink.optionalString(assignee, 'user', path);
}

function checkAssignees(sink: ErrorSink, parent: Json, key: string, path: Path, declared: Declared): void {
  sink.list(parent, key, path, { required: true })?.forEach((item, index) => checkAssignee(sink, item, [...path, key, index], declared));
}

export function checkFormReference(sink: ErrorSink, parent: Json, key: string, path: Path, declared: Declared): void {
  const form = sink.optionalString(parent, key, path);
  if (form !== undefined && !declared.forms.has(form))
    sink.add(Code.UNKNOWN_FORM, [...path, key], `unknown form "${form}"; declared forms: ${someOf(declared.forms)}`);
}

/** An escalation ladder; `outcomes` undefined where nothing may be decided automatically (a meeting). */
function checkEscalations(sink: ErrorSink, step: Json, path: Path, declared: Declared, outcomes: string[] | undefined): void {
  sink.list(step, 'escalations', path, { required: false })?.forEach((value, index) => {
    const at = [...path, 'escalations', index];
    const rung = sink.mapping(value, at, 'an escalation');
    if (!rung) return;
    sink.onlyKeys(rung, at, ['after', 'do', 'to', 'outcome']);
    checkDuration(sink, rung, 'after', at, declared.durations, { required: true });
    const action = sink.oneOf(rung, 'do', at, ['remind', 'reassign', 'notify', 'auto-decide'] as const, { required: true });
    if ((action === 'reassign' || action === 'notify') && rung.to === undefined)
      sink.add(Code.REQUIRED, [...at, 'to'], `${action} needs to: whom to ${action}`);
    if (rung.to !== undefined) checkAssignee(sink, rung.to, [...at, 'to'], declared);
    if (action === 'auto-decide' && outcomes === undefined) {
      sink.add(
        Code.INVALID_VALUE,
        [...at, 'do'],
        'a meeting is recorded by its organizer, with the minutes: it cannot be decided automatically; remind, reassign or notify',
      );
    } else if (action === 'auto-decide' && outcomes) {
      const outcome = sink.requiredString(rung, 'outcome', at);
      if (outcome !== undefined && !outcomes.includes(outcome))
        sink.add(Code.INVALID_VALUE, [...at, 'outcome'], `outcome "${outcome}" is not one of the step's outcomes: ${outcomes.join(', ')}`);
    }
  });
}

function checkPolicy(sink: ErrorSink, value: unknown, path: Path, declared: Declared): void {
  const policy = sink.mapping(value, path, 'a policy');
  if (!policy) return;
  sink.onlyKeys(policy, path, ['kind', 'approvers', 'quorum']);
  const kind = sink.oneOf(policy, 'kind', path, APPROVAL_KINDS, { required: true });
  const approvers = sink.list(policy, 'approvers', path, { required: true });
  approvers?.forEach((approver, index) => checkAssignee(sink, approver, [...path, 'approvers', index], declared));
  if (policy.quorum !== undefined && typeof policy.quorum !== 'number') sink.add(Code.WRONG_TYPE, [...path, 'quorum'], 'quorum must be a number');
  if (kind && approvers && approvers.length > 0) {
    for (const problem of policyProblems(policy as unknown as ApprovalPolicy)) sink.add(Code.BAD_POLICY, path, problem);
  }
}

/** Checks a list of steps (a stage's, or a parallel branch's) and the flow between them. */
export function checkStepList(sink: ErrorSink, parent: Json, key: string, path: Path, declared: Declared, scope: StageScope, outer: Chain = []): void {
  // The stage's own list is the first one checked: it checks the references that may name any step of the stage.
  const outermost = scope.reached === undefined;
  if (outermost) Object.assign(scope, { lists: 0, chains: new Map(), reached: [] });
  const steps = sink.list(parent, key, path, { required: true });
  if (steps) {
    const list = scope.lists!++;
    const positions = new Map<string, number>();
    steps.forEach((step, index) => {
      if (isObject(step) && typeof step.id === 'string' && !positions.has(step.id)) positions.set(step.id, index);
    });
    steps.forEach((step, index) => checkStep(sink, step, [...path, key, index], declared, scope, { index, positions, chain: [...outer, [list, index]] }));
    checkStepFlow(sink, steps, [...path, key]);
  }
  if (outermost) checkReachedReferences(sink, scope);
}

/**
 * A cadence that ends when a step is reached must name a step of its stage that can finish
 * while the cadence runs: not itself, and not one that runs only after the cadence has ended
 * (a later step of its list, or of a list around it), which would keep it going for ever.
 */
function checkReachedReferences(sink: ErrorSink, scope: StageScope): void {
  for (const { reached, path, cadence, inner, chain } of scope.reached!) {
    const target = scope.chains!.get(reached);
    if (target === undefined || reached === inner) {
      sink.add(
        Code.UNKNOWN_STEP,
        path,
        `"${reached}" is not a step of this stage${reached === inner ? ' outside the cadence' : ''}; steps: ${someOf(new Set([...scope.chains!.keys()].filter((id) => id !== inner)))}`,
      );
    } else if (reached === cadence) {
      sink.add(Code.INVALID_VALUE, path, 'a cadence cannot end when it is reached itself: name the step whose completion ends it');
    } else if (runsAfter(target, chain)) {
      sink.add(
        Code.INVALID_VALUE,
        path,
        `"${reached}" finishes only after the cadence has ended, so it could never end it; name a step of another parallel branch`,
      );
    }
  }
}

/** Whether the step at `later` can finish only once the step at `earlier` has: it follows it in a list they share, or holds it (a parallel around it). */
function runsAfter(later: Chain, earlier: Chain): boolean {
  for (let depth = 0; depth < Math.min(later.length, earlier.length); depth++) {
    const [list, index] = later[depth];
    const [otherList, otherIndex] = earlier[depth];
    if (list !== otherList || index !== otherIndex) return list === otherList && index > otherIndex;
  }
  return later.length < earlier.length;
}

function checkStep(
  sink: ErrorSink,
  value: unknown,
  path: Path,
  declared: Declared,
  scope: StageScope,
  place: ListPlace,
  { repeated = false }: { repeated?: boolean } = {},
): void {
  const step = sink.mapping(value, path, 'a step');
  if (!step) return;
  const id = repeated ? sink.optionalString(step, 'id', path, ID, ID_TEXT) : sink.requiredString(step, 'id', path, ID, ID_TEXT);
  if (id !== undefined) {
    if (scope.ids.has(id)) sink.add(Code.DUPLICATE_ID, [...path, 'id'], `step id "${id}" is used twice in this stage`);
    scope.ids.add(id);
    if (!repeated && !scope.chains?.has(id)) scope.chains?.set(id, place.chain);
  }
  sink.optionalString(step, 'name', path);
  checkCondition(sink, step, 'when', path, declared, { required: false });
  const type = sink.oneOf(step, 'type', path, repeated ? REPEATABLE : STEP_TYPES, { required: true });
  if (!type) return;
  sink.onlyKeys(step, path, [...COMMON_KEYS, ...STEP_KEYS[type]]);
  if (step.pauseWhileWaitingOnExternal !== undefined && typeof step.pauseWhileWaitingOnExternal !== 'boolean') {
    sink.add(Code.WRONG_TYPE, [...path, 'pauseWhileWaitingOnExternal'], 'pauseWhileWaitingOnExternal must be true or false');
  }
  switch (type) {
    case 'task': {
      if (step.assignee === undefined) sink.add(Code.REQUIRED, [...path, 'assignee'], 'a task needs an assignee');
      else checkAssignee(sink, step.assignee, [...path, 'assignee'], declared);
      if (step.assigneeFrom !== undefined) {
        const from = sink.mapping(step.assigneeFrom, [...path, 'assigneeFrom'], 'assigneeFrom');
        if (from) {
          sink.onlyKeys(from, [...path, 'assigneeFrom'], ['step', 'field']);
          const source = sink.requiredString(from, 'step', [...path, 'assigneeFrom']);
          if (source !== undefined && !isEarlier(source, place))
            sink.add(
              Code.UNKNOWN_STEP,
              [...path, 'assigneeFrom', 'step'],
              `assigneeFrom must name an earlier step of this list, whose data names the user, not "${source}"`,
            );
          sink.requiredString(from, 'field', [...path, 'assigneeFrom']);
        }
      }
      checkFormReference(sink, step, 'form', path, declared);
      checkDuration(sink, step, 'due', path, declared.durations, { required: false });
      sink.oneOf(step, 'priority', path, ['low', 'normal', 'high'] as const, { required: false });
      const outcomes = step.outcomes === undefined ? ['done'] : sink.stringList(step, 'outcomes', path, { required: true });
      if (new Set(outcomes).size !== outcomes.length) sink.add(Code.DUPLICATE_ID, [...path, 'outcomes'], 'an outcome is listed twice');
      checkEscalations(sink, step, path, declared, outcomes);
      return;
    }
    case 'approval': {
      checkFormReference(sink, step, 'form', path, declared);
      checkDuration(sink, step, 'due', path, declared.durations, { required: false });
      if (step.policy === undefined) sink.add(Code.REQUIRED, [...path, 'policy'], 'an approval needs a policy');
      else checkPolicy(sink, step.policy, [...path, 'policy'], declared);
      if (step.onReject !== undefined) {
        const onReject = sink.mapping(step.onReject, [...path, 'onReject'], 'onReject');
        if (onReject) {
          sink.onlyKeys(onReject, [...path, 'onReject'], ['rework', 'maxRounds']);
          const rework = sink.requiredString(onReject, 'rework', [...path, 'onReject']);
          if (rework !== undefined && !isEarlier(rework, place))
            sink.add(Code.UNKNOWN_STEP, [...path, 'onReject', 'rework'], `rework must name an earlier step of this list, not "${rework}"`);
          sink.wholeNumber(onReject, 'maxRounds', [...path, 'onReject'], { min: 1, required: true });
        }
      }
      if (step.timeout !== undefined) {
        const timeout = sink.mapping(step.timeout, [...path, 'timeout'], 'timeout');
        if (timeout) {
          sink.onlyKeys(timeout, [...path, 'timeout'], ['after', 'outcome', 'to']);
          checkDuration(sink, timeout, 'after', [...path, 'timeout'], declared.durations, { required: true });
          const outcome = sink.oneOf(timeout, 'outcome', [...path, 'timeout'], ['escalate', 'approve', 'reject'] as const, { required: true });
          if (outcome === 'escalate' && timeout.to === undefined) sink.add(Code.REQUIRED, [...path, 'timeout', 'to'], 'escalate needs to: whom to escalate to');
          if (timeout.to !== undefined) checkAssignee(sink, timeout.to, [...path, 'timeout', 'to'], declared);
        }
      }
      checkEscalations(sink, step, path, declared, ['approve', 'reject']);
      return;
    }
    case 'timer':
      checkDuration(sink, step, 'duration', path, declared.durations, { required: true });
      checkCondition(sink, step, 'until', path, declared, { required: false });
      return;
    case 'meeting':
      sink.requiredString(step, 'title', path);
      if (step.organizer === undefined) sink.add(Code.REQUIRED, [...path, 'organizer'], 'a meeting needs an organizer, who records the minutes');
      else checkAssignee(sink, step.organizer, [...path, 'organizer'], declared);
      checkAssignees(sink, step, 'attendees', path, declared);
      sink.stringList(step, 'agenda', path, { required: false });
      checkFormReference(sink, step, 'minutesForm', path, declared);
      if (step.actionItems !== undefined && typeof step.actionItems !== 'boolean')
        sink.add(Code.WRONG_TYPE, [...path, 'actionItems'], 'actionItems must be true or false');
      checkDuration(sink, step, 'due', path, declared.durations, { required: false });
      checkEscalations(sink, step, path, declared, undefined);
      return;
    case 'cadence': {
      if ((step.every === undefined) === (step.beforeDeadlines === undefined)) {
        sink.add(
          step.every === undefined ? Code.REQUIRED : Code.INVALID_VALUE,
          [...path, 'every'],
          'a cadence repeats either every interval (every) or before each deadline of the baseline (beforeDeadlines), one of the two',
        );
      }
      checkDuration(sink, step, 'every', path, declared.durations, { required: false, shortest: { ms: SHORTEST_CADENCE_MS, text: 'once an hour (PT1H)' } });
      checkDeadlineLead(sink, step, path, declared.durations);
      if (step.onNonWorkingDay !== undefined) {
        if (step.onNonWorkingDay !== 'move' && step.onNonWorkingDay !== 'keep')
          sink.add(Code.INVALID_VALUE, [...path, 'onNonWorkingDay'], 'move (to the next working day, the default) or keep');
        else if (step.every === undefined)
          sink.add(
            Code.INVALID_VALUE,
            [...path, 'onNonWorkingDay'],
            'only a cadence that repeats every interval has occurrences to move; beforeDeadlines ones are on working days already',
          );
      }
      checkCondition(sink, step, 'from', path, declared, { required: false });
      if (isObject(step.until)) {
        const at = [...path, 'until'];
        sink.onlyKeys(step.until, at, ['reached']);
        const reached = sink.requiredString(step.until, 'reached', at);
        const inner = isObject(step.step) && typeof step.step.id === 'string' ? step.step.id : undefined;
        if (reached !== undefined) scope.reached?.push({ reached, path: [...at, 'reached'], cadence: id, inner, chain: place.chain });
      } else checkCondition(sink, step, 'until', path, declared, { required: true });
      if (step.step === undefined) return void sink.add(Code.REQUIRED, [...path, 'step'], `a cadence needs the step it repeats (${REPEATABLE.join(', ')})`);
      checkStep(sink, step.step, [...path, 'step'], declared, scope, NO_LIST, { repeated: true });
      return;
    }
    case 'gate': {
      const targets = (goto: unknown, at: Path) => {
        if (typeof goto !== 'string') return void sink.add(Code.WRONG_TYPE, at, 'must name a step of this list, or end');
        if (goto !== END_OF_STAGE && !place.positions.has(goto)) sink.add(Code.UNKNOWN_STEP, at, `"${goto}" is not a step of this list (or end)`);
        if (goto === id) sink.add(Code.INVALID_VALUE, at, 'a gate cannot route to itself');
      };
      sink.list(step, 'routes', path, { required: true })?.forEach((value, index) => {
        const at = [...path, 'routes', index];
        const route = sink.mapping(value, at, 'a route');
        if (!route) return;
        sink.onlyKeys(route, at, ['when', 'goto']);
        checkCondition(sink, route, 'when', at, declared, { required: true });
        if (route.goto === undefined) sink.add(Code.REQUIRED, [...at, 'goto'], 'goto is required');
        else targets(route.goto, [...at, 'goto']);
      });
      if (step.default === undefined) sink.add(Code.GATE_WITHOUT_DEFAULT, path, 'a gate needs a default: where to go when no route holds (a step, or end)');
      else targets(step.default, [...path, 'default']);
      return;
    }
    case 'parallel': {
      sink.oneOf(step, 'join', path, ['all', 'any'] as const, { required: true });
      const branchIds = new Set<string>();
      sink.list(step, 'branches', path, { required: true })?.forEach((value, index) => {
        const at = [...path, 'branches', index];
        const branch = sink.mapping(value, at, 'a branch');
        if (!branch) return;
        sink.onlyKeys(branch, at, ['id', 'name', 'steps']);
        const branchId = sink.requiredString(branch, 'id', at, ID, ID_TEXT);
        if (branchId !== undefined) {
          if (branchIds.has(branchId)) sink.add(Code.DUPLICATE_ID, [...at, 'id'], `branch id "${branchId}" is used twice`);
          branchIds.add(branchId);
        }
        sink.optionalString(branch, 'name', at);
        checkStepList(sink, branch, 'steps', at, declared, scope, place.chain);
      });
      return;
    }
    case 'service': {
      const action = sink.oneOf(step, 'action', path, SERVICE_ACTIONS, { required: true });
      const args = step.with === undefined ? {} : sink.mapping(step.with, [...path, 'with'], 'with');
      if (!args) return;
      if (action === 'set-variables') {
        for (const [name, value] of Object.entries(args)) {
          // Own properties only: `constructor` or `toString` is no declared variable.
          const type = Object.hasOwn(declared.variables, name) ? declared.variables[name] : undefined;
          if (!type) sink.add(Code.UNKNOWN_VARIABLE, [...path, 'with', name], `"${name}" is not a declared variable`, { key: true });
          else if (!fitsVariableType(type, value)) sink.add(Code.WRONG_TYPE, [...path, 'with', name], `${name} is a ${type}, not ${JSON.stringify(value)}`);
          else if (type === 'date' && !isCalendarDate(value as string))
            sink.add(Code.IMPOSSIBLE_DATE, [...path, 'with', name], `${name} "${value}" is not a day of the calendar`);
        }
      }
      const references = action ? STEP_REFERENCES[action] : undefined;
      if (references) {
        const at = [...path, 'with'];
        sink.onlyKeys(args, at, [...references.required, ...references.optional, ...references.lists]);
        const checkReference = (value: unknown, where: Path) => {
          if (typeof value !== 'string') return void sink.add(Code.WRONG_TYPE, where, `must name a step, not ${typeName(value)}`);
          if (!declared.steps.has(value)) sink.add(Code.UNKNOWN_STEP, where, `unknown step "${value}"`);
        };
        for (const name of [...references.required, ...references.optional]) {
          if (args[name] !== undefined) checkReference(args[name], [...at, name]);
          else if (references.required.includes(name)) sink.add(Code.REQUIRED, [...at, name], `${action} needs ${name}: the step it reads`);
        }
        for (const name of references.lists)
          sink.list(args, name, at, { required: true })?.forEach((value, index) => checkReference(value, [...at, name, index]));
      }
      if (action === 'notify') {
        if (args.to === undefined) sink.add(Code.REQUIRED, [...path, 'with', 'to'], 'notify needs to: whom to tell');
        else checkAssignee(sink, args.to, [...path, 'with', 'to'], declared);
        sink.requiredString(args, 'subject', [...path, 'with']);
      }
      return;
    }
    case 'subprocess': {
      const hasStage = step.stage !== undefined;
      if (hasStage === (step.definition !== undefined)) return void sink.add(Code.INVALID_VALUE, path, 'a subprocess names exactly one of stage or definition');
      if (hasStage) {
        const stage = sink.requiredString(step, 'stage', path);
        if (stage !== undefined && !declared.stages.has(stage)) sink.add(Code.UNKNOWN_STAGE, [...path, 'stage'], `unknown stage "${stage}"`);
      } else {
        sink.requiredString(step, 'definition', path, ID, ID_TEXT);
        sink.wholeNumber(step, 'version', path, { min: 1, required: false });
      }
      return;
    }
  }
}
