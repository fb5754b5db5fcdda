import { parseDocument } from 'yaml';
import { type CompiledDefinition, type CustomerRef, RECORD_KEY, type FieldError } from '@accord/contracts';
import {
  type CustomerAnalyticsSettings,
  customerAnalyticsSettingsProblems,
  DEFAULT_CUSTOMER_ANALYTICS_SETTINGS,
  handledSignals,
  localDate,
  type Measurements,
  readingsFromMeasurements,
  stepsWithin,
} from '@accord/domain';

/** One answer to a task: an outcome (approvals) and form data. */
export interface ScriptedReply {
  outcome?: string;
  data?: Record<string, unknown>;
}

/** How the participants treat the tasks of one step. */
export interface ScriptedTask extends ScriptedReply {
  /** Tried in turn when the one before was refused (not SMART, invalid…); the last one repeats. */
  attempts?: ScriptedReply[];
  /** Per occurrence of a cadence's task; the last one repeats. */
  occurrences?: ScriptedReply[];
  /** Left open until this project day: reminders and escalations run meanwhile. */
  fromDay?: number;
  /** Left open until this many days after the stage started. */
  after?: { stage: string; days: number };
  /** Only these roles answer (an approval's other slots stay open). */
  roles?: string[];
  /** Never answered. */
  ignore?: boolean;
}

export interface ScriptedEvent {
  day: number;
  signal: string;
  by: string;
  data: Record<string, unknown>;
}

export interface ScriptedReadings extends Measurements {
  day: number;
  by: string;
}

/** Who plays which role, who answers which task when, and what happens on which day. */
export interface ActorsScript {
  people: Record<string, string>;
  /** The outcome of approvals the script does not name: approve, reject, or leave them (ignore). */
  approvals: 'approve' | 'reject' | 'ignore';
  /** Form data of meetings the script does not name. */
  meetings: Record<string, unknown>;
  /** Whether the owners of meetings' action items mark them done the day they get them, or leave them (reminders follow). */
  actionItems: 'done' | 'ignore';
  tasks: Record<string, ScriptedTask>;
  events: ScriptedEvent[];
  readings: ScriptedReadings[];
  /** The customer the project is for, with the annual contract value of their profile. */
  customer?: CustomerRef & { annualContractValue?: number };
  /** The company's customer-analytics settings for the run: the defaults with what the script changes. */
  analytics: CustomerAnalyticsSettings;
}

type Parsed = { ok: true; script: ActorsScript } | { ok: false; errors: FieldError[] };

const TOP = ['people', 'approvals', 'meetings', 'actionItems', 'tasks', 'events', 'readings', 'customer', 'analytics'];
/** The parts of a script that hold what participants answer, raise or report: where dates may be written as project days. */
const ANSWERED = ['meetings', 'tasks', 'events', 'readings'];
const TASK_KEYS = ['data', 'outcome', 'attempts', 'occurrences', 'from-day', 'after', 'roles', 'ignore'];
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isDay = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
/** A date written as the project day it falls on: `day 84`. */
const DAY_DATE = /^day (\d+)$/;

/** The local date (YYYY-MM-DD) of project day `day`, in `timezone`, for a project started at `start` (day 0). */
export function projectDayDate(start: Date, day: number, timezone: string): string {
  const date = new Date(`${localDate(start, timezone)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + day);
  return date.toISOString().slice(0, 10);
}

/** `value` with every string `day N` in it replaced by the date of project day N. */
function withDates(value: unknown, dateOf: (day: number) => string): unknown {
  if (typeof value === 'string') {
    const day = DAY_DATE.exec(value);
    return day ? dateOf(Number(day[1])) : value;
  }
  if (Array.isArray(value)) return value.map((item) => withDates(item, dateOf));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withDates(item, dateOf)]));
  return value;
}

/**
 * Reads an actors script (YAML) for a definition, checking every step, role, signal and
 * measurement it names against the definition, so that a typo fails before a simulated month.
 *
 * A date in what participants answer, raise or report may be written as the project day it
 * falls on, `day 84`: the local date, in the definition's time zone, 84 days after `start`'s
 * (the simulation's start, by default now). A script written so tells the same story
 * whenever it runs, where a fixed date would one day lie in the past.
 */
export function parseActorsScript(source: string, definition: CompiledDefinition, start = new Date()): Parsed {
  const errors: FieldError[] = [];
  const error = (path: string, message: string) => errors.push({ path, message });
  const document = parseDocument(source);
  if (document.errors.length > 0) return { ok: false, errors: document.errors.map((problem) => ({ path: '', message: problem.message })) };
  const written: unknown = document.toJS();
  if (!isObject(written)) return { ok: false, errors: [{ path: '', message: 'an actors script is a mapping with people, tasks, events, readings' }] };
  const dateOf = (day: number) => projectDayDate(start, day, definition.calendar.timezone);
  const raw: Record<string, unknown> = Object.fromEntries(
    Object.entries(written).map(([key, value]) => [key, ANSWERED.includes(key) ? withDates(value, dateOf) : value]),
  );
  for (const key of Object.keys(raw)) if (!TOP.includes(key)) error(key, `unknown key; expected ${TOP.join(', ')}`);

  const roles = Object.keys(definition.roles);
  const people: Record<string, string> = {};
  if (!isObject(raw.people)) error('people', 'required: who plays each role, such as { pm: paula }');
  else {
    for (const [role, user] of Object.entries(raw.people)) {
      if (!roles.includes(role)) error(`people.${role}`, `not a role of ${definition.key}; roles: ${roles.join(', ')}`);
      else if (typeof user !== 'string' || user.length === 0) error(`people.${role}`, 'a user id');
      else people[role] = user;
    }
  }
  const approvals = raw.approvals ?? 'approve';
  if (approvals !== 'approve' && approvals !== 'reject' && approvals !== 'ignore') error('approvals', 'approve, reject or ignore');

  const steps = stepsWithin(definition.stages.flatMap((stage) => stage.steps));
  const stepIds = new Set(steps.map((step) => step.id));
  const stageIds = definition.stages.map((stage) => stage.id);
  const tasks: Record<string, ScriptedTask> = {};
  if (raw.tasks !== undefined && !isObject(raw.tasks)) error('tasks', 'a mapping from step id to how its tasks are answered');
  for (const [stepId, entry] of Object.entries(isObject(raw.tasks) ? raw.tasks : {})) {
    const at = `tasks.${stepId}`;
    if (!stepIds.has(stepId)) error(at, `no step ${stepId} in ${definition.key} (a cadence's task is <cadence id>-occurrence)`);
    if (!isObject(entry)) {
      error(at, 'a mapping such as { data: {…} } or { ignore: true }');
      continue;
    }
    for (const key of Object.keys(entry)) if (!TASK_KEYS.includes(key)) error(`${at}.${key}`, `unknown key; expected ${TASK_KEYS.join(', ')}`);
    const reply = (value: unknown, path: string): ScriptedReply => {
      if (!isObject(value)) {
        error(path, 'a mapping with data and/or outcome');
        return {};
      }
      if (value.data !== undefined && !isObject(value.data)) error(`${path}.data`, 'form data: a mapping');
      if (value.outcome !== undefined && typeof value.outcome !== 'string') error(`${path}.outcome`, 'an outcome such as approve');
      return { data: value.data as Record<string, unknown> | undefined, outcome: value.outcome as string | undefined };
    };
    const list = (key: 'attempts' | 'occurrences') => {
      const value = entry[key];
      if (value === undefined) return undefined;
      if (!Array.isArray(value) || value.length === 0) {
        error(`${at}.${key}`, 'a non-empty list of answers');
        return undefined;
      }
      return value.map((item, index) => reply(item, `${at}.${key}[${index}]`));
    };
    const task: ScriptedTask = { ...reply({ data: entry.data, outcome: entry.outcome }, at), attempts: list('attempts'), occurrences: list('occurrences') };
    if (entry['from-day'] !== undefined) {
      if (!isDay(entry['from-day'])) error(`${at}.from-day`, 'a project day: 0 or more');
      else task.fromDay = entry['from-day'] as number;
    }
    if (entry.after !== undefined) {
      const after = entry.after;
      if (!isObject(after) || typeof after.stage !== 'string' || !stageIds.includes(after.stage) || !isDay(after.days))
        error(`${at}.after`, `{ stage: <one of ${stageIds.join(', ')}>, days: n }`);
      else task.after = { stage: after.stage, days: after.days as number };
    }
    if (entry.roles !== undefined) {
      if (!Array.isArray(entry.roles) || entry.roles.some((role) => !roles.includes(role as string)))
        error(`${at}.roles`, `roles of ${definition.key}: ${roles.join(', ')}`);
      else task.roles = entry.roles as string[];
    }
    if (entry.ignore !== undefined) {
      if (typeof entry.ignore !== 'boolean') error(`${at}.ignore`, 'true or false');
      else task.ignore = entry.ignore;
    }
    tasks[stepId] = task;
  }

  const signals = handledSignals(definition);
  const events: ScriptedEvent[] = [];
  for (const [index, event] of (Array.isArray(raw.events) ? raw.events : raw.events === undefined ? [] : [null]).entries()) {
    const at = `events[${index}]`;
    if (!isObject(event)) {
      error(raw.events === undefined || Array.isArray(raw.events) ? at : 'events', 'a list of { day, signal, by, data }');
      continue;
    }
    if (!isDay(event.day)) error(`${at}.day`, 'a project day: 0 or more');
    if (typeof event.signal !== 'string' || !signals.has(event.signal)) error(`${at}.signal`, `a signal some stage handles: ${[...signals].join(', ')}`);
    if (typeof event.by !== 'string') error(`${at}.by`, 'the user who raises it');
    if (event.data !== undefined && !isObject(event.data)) error(`${at}.data`, 'a mapping');
    events.push({ day: event.day as number, signal: event.signal as string, by: event.by as string, data: (event.data as Record<string, unknown>) ?? {} });
  }

  const readings: ScriptedReadings[] = [];
  for (const [index, reading] of (Array.isArray(raw.readings) ? raw.readings : raw.readings === undefined ? [] : [null]).entries()) {
    const at = `readings[${index}]`;
    if (!isObject(reading)) {
      error(Array.isArray(raw.readings) ? at : 'readings', 'a list of { day, by, progress | inspection | survey }');
      continue;
    }
    if (!isDay(reading.day)) error(`${at}.day`, 'a project day: 0 or more');
    if (typeof reading.by !== 'string') error(`${at}.by`, 'the user who reports it');
    const measured = reading as Measurements;
    if (reading.progress !== undefined && !(isObject(reading.progress) && Array.isArray(reading.progress.rows)))
      error(`${at}.progress`, 'a progress table: { rows: [{ phase, task, owner, due, plannedPercent, actualPercent }] }');
    else if (
      reading.inspection !== undefined &&
      !(isObject(reading.inspection) && Number.isInteger(reading.inspection.inspected) && Number.isInteger(reading.inspection.nonConforming))
    )
      error(`${at}.inspection`, '{ inspected: n, nonConforming: n }');
    else if (
      reading.survey !== undefined &&
      !(
        isObject(reading.survey) &&
        ['overall', 'deliverables', 'service'].every((mark) => typeof (reading.survey as Record<string, unknown>)[mark] === 'number')
      )
    )
      error(`${at}.survey`, '{ overall, deliverables, service } from 1 to 5');
    else for (const problem of readingsFromMeasurements(measured).problems) error(problem.path ? `${at}.${problem.path}` : at, problem.message);
    readings.push({
      day: reading.day as number,
      by: reading.by as string,
      progress: measured.progress,
      inspection: measured.inspection,
      survey: measured.survey,
    });
  }

  if (raw.meetings !== undefined && !isObject(raw.meetings)) error('meetings', 'form data for meetings the script does not name: a mapping');
  const actionItems = raw.actionItems ?? 'done';
  if (actionItems !== 'done' && actionItems !== 'ignore') error('actionItems', 'done or ignore');
  const customer = parseCustomer(raw.customer, error);
  const analytics = overlay(DEFAULT_CUSTOMER_ANALYTICS_SETTINGS, raw.analytics, 'analytics', error) as CustomerAnalyticsSettings;
  if (raw.analytics !== undefined) for (const problem of customerAnalyticsSettingsProblems(analytics)) error(`analytics.${problem.path}`, problem.message);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    script: {
      people,
      approvals: approvals as ActorsScript['approvals'],
      meetings: isObject(raw.meetings) ? raw.meetings : { minutes: 'Held as planned' },
      actionItems: actionItems as ActorsScript['actionItems'],
      tasks,
      events,
      readings,
      ...(customer ? { customer } : {}),
      analytics,
    },
  };
}

function parseCustomer(value: unknown, error: (path: string, message: string) => void): ActorsScript['customer'] {
  if (value === undefined) return undefined;
  if (!isObject(value) || typeof value.key !== 'string' || !RECORD_KEY.test(value.key)) {
    error('customer', '{ key: <lower-case letters, digits, dashes>, name, annualContractValue }');
    return undefined;
  }
  for (const key of Object.keys(value))
    if (!['key', 'name', 'annualContractValue'].includes(key)) error(`customer.${key}`, 'unknown key; expected key, name, annualContractValue');
  if (value.name !== undefined && typeof value.name !== 'string') error('customer.name', 'a name');
  const worth = value.annualContractValue;
  if (worth !== undefined && (typeof worth !== 'number' || worth < 0)) error('customer.annualContractValue', 'a number, 0 or more');
  return {
    key: value.key,
    name: typeof value.name === 'string' ? value.name : value.key,
    ...(typeof worth === 'number' ? { annualContractValue: worth } : {}),
  };
}

/** `base` with the numbers `changes` gives at the same paths; any other path or type is an error. */
function overlay(base: unknown, changes: unknown, path: string, error: (path: string, message: string) => void): unknown {
  if (changes === undefined) return base;
  if (isObject(base)) {
    if (!isObject(changes)) {
      error(path, `a mapping of ${Object.keys(base).join(', ')}`);
      return base;
    }
    for (const key of Object.keys(changes)) if (!(key in base)) error(`${path}.${key}`, `unknown key; expected ${Object.keys(base).join(', ')}`);
    return Object.fromEntries(Object.entries(base).map(([key, value]) => [key, overlay(value, changes[key], `${path}.${key}`, error)]));
  }
  if (typeof changes !== 'number' || changes < 0) {
    error(path, 'a number, 0 or more');
    return base;
  }
  return changes;
}
