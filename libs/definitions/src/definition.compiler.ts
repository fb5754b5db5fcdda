import { createHash } from 'node:crypto';
import {
  type Assignee,
  type CompiledDefinition,
  type CompiledRole,
  type CompiledStage,
  type CompiledStep,
  type CompiledVariable,
  DEFAULT_CALENDAR,
  type Duration,
  type Escalation,
  type FormSchema,
  type MeetingStep,
  type ServiceStep,
  type StageHandler,
  type TaskStep,
} from '@accord/contracts';
import type { SignalHandler } from '@accord/domain';
import { canonicalize } from './canonical-json';
import type { DefinitionError } from './definition-error';
import { parseDefinitionSource } from './definition-source.parser';
import { validateParsedDefinition } from './definition.validator';
import type { Json } from './error-sink';

export type CompileResult = { ok: true; compiled: CompiledDefinition } | { ok: false; errors: DefinitionError[] };

// The validator has checked every shape read below; the casts only name what it checked.
const text = (value: unknown) => value as string;
const optional = <T>(value: unknown) => value as T | undefined;
const list = (value: unknown) => (value ?? []) as Json[];

function escalations(step: Json): Escalation[] {
  return list(step.escalations).map((rung) => ({
    after: rung.after as Duration,
    action: rung.do as Escalation['action'],
    to: optional<Assignee>(rung.to),
    outcome: optional<string>(rung.outcome),
  }));
}

function compileStep(step: Json, fallbackId?: string): CompiledStep {
  const id = optional<string>(step.id) ?? fallbackId!;
  const base = { id, name: optional<string>(step.name) ?? id, when: optional<string>(step.when) };
  const type = step.type as CompiledStep['type'];
  switch (type) {
    case 'task':
      return {
        ...base,
        type,
        assignee: step.assignee as Assignee,
        ...(step.assigneeFrom === undefined ? {} : { assigneeFrom: step.assigneeFrom as TaskStep['assigneeFrom'] }),
        form: optional(step.form),
        outcomes: (step.outcomes as string[] | undefined) ?? ['done'],
        due: optional(step.due),
        priority: optional<TaskStep['priority']>(step.priority) ?? 'normal',
        escalations: escalations(step),
        pauseWhileWaitingOnExternal: optional<boolean>(step.pauseWhileWaitingOnExternal) ?? false,
      };
    case 'approval':
      return {
        ...base,
        type,
        policy: step.policy as never,
        form: optional(step.form),
        onReject: optional(step.onReject),
        due: optional(step.due),
        timeout: optional(step.timeout),
        escalations: escalations(step),
        pauseWhileWaitingOnExternal: optional<boolean>(step.pauseWhileWaitingOnExternal) ?? false,
      };
    case 'timer':
      return { ...base, type, duration: step.duration as Duration, ...(step.until === undefined ? {} : { until: text(step.until) }) };
    case 'meeting':
      return {
        ...base,
        type,
        title: text(step.title),
        organizer: step.organizer as Assignee,
        attendees: step.attendees as Assignee[],
        agenda: (step.agenda as string[] | undefined) ?? [],
        minutesForm: optional(step.minutesForm),
        actionItems: optional<boolean>(step.actionItems) ?? true,
        due: optional(step.due),
        // Only when written, so that meetings without a ladder compile (and checksum) as before.
        ...(step.escalations === undefined ? {} : { escalations: escalations(step) }),
        ...(step.pauseWhileWaitingOnExternal === undefined ? {} : { pauseWhileWaitingOnExternal: step.pauseWhileWaitingOnExternal as boolean }),
      };
    case 'cadence':
      return {
        ...base,
        type,
        ...(step.every === undefined ? {} : { every: step.every as Duration }),
        ...(step.beforeDeadlines === undefined ? {} : { beforeDeadlines: { workdays: (step.beforeDeadlines as { workdays: number }).workdays } }),
        ...(step.onNonWorkingDay === undefined ? {} : { onNonWorkingDay: step.onNonWorkingDay as 'move' | 'keep' }),
        from: optional(step.from),
        until: typeof step.until === 'string' ? step.until : { reached: text((step.until as Json).reached) },
        step: compileStep(step.step as Json, `${id}-occurrence`) as MeetingStep | TaskStep | ServiceStep,
      };
    case 'gate':
      return { ...base, type, routes: list(step.routes).map((route) => ({ when: text(route.when), goto: text(route.goto) })), default: text(step.default) };
    case 'parallel':
      return {
        ...base,
        type,
        join: step.join as 'all' | 'any',
        branches: list(step.branches).map((branch) => ({
          id: text(branch.id),
          name: optional<string>(branch.name) ?? text(branch.id),
          steps: list(branch.steps).map((child) => compileStep(child)),
        })),
      };
    case 'service':
      return { ...base, type, action: step.action as ServiceStep['action'], with: (step.with as Record<string, unknown> | undefined) ?? {} };
    case 'subprocess':
      return step.stage !== undefined
        ? { ...base, type, stage: text(step.stage) }
        : { ...base, type, definition: text(step.definition), version: optional<number>(step.version) };
  }
}

/**
 * Handlers as written: a signal handler's `raisedBy` and `form` only when declared, so that
 * definitions without them compile (and checksum) as before.
 */
function compileHandlers(value: unknown): StageHandler[] {
  return list(value).map((handler): StageHandler => {
    if (handler.signal === undefined) return handler as unknown as StageHandler;
    const signalHandler: SignalHandler = {
      signal: text(handler.signal),
      start: text(handler.start),
      ...(handler.raisedBy === undefined ? {} : { raisedBy: handler.raisedBy as string[] }),
      ...(handler.form === undefined ? {} : { form: text(handler.form) }),
    };
    return signalHandler;
  });
}

function compileStage(stage: Json): CompiledStage {
  return {
    id: text(stage.id),
    name: optional<string>(stage.name) ?? text(stage.id),
    trigger: optional<CompiledStage['trigger']>(stage.trigger) ?? 'sequence',
    when: optional(stage.when),
    steps: list(stage.steps).map((step) => compileStep(step)),
    on: compileHandlers(stage.on),
  };
}

/** Validates and compiles a definition into the plain, checksummed JSON that project workflows run. */
export function compileDefinition(source: string): CompileResult {
  const parsed = parseDefinitionSource(source);
  const errors = validateParsedDefinition(parsed);
  if (errors.length > 0) return { ok: false, errors };
  const document = parsed.value as Json;
  const roles: Record<string, CompiledRole> = Object.fromEntries(
    Object.entries((document.roles ?? {}) as Record<string, Json | null>).map(([id, role]) => [
      id,
      { name: optional<string>(role?.name) ?? id, external: optional<boolean>(role?.external) ?? false },
    ]),
  );
  const calendar = (document.calendar ?? {}) as Json;
  const content = canonicalize({
    key: text(document.key),
    name: text(document.name),
    description: optional<string>(document.description),
    starters: document.starters as string[],
    roles,
    forms: (document.forms ?? {}) as Record<string, FormSchema>,
    calendar: {
      timezone: optional<string>(calendar.timezone) ?? DEFAULT_CALENDAR.timezone,
      workdays: (calendar.workdays as CompiledDefinition['calendar']['workdays'] | undefined) ?? DEFAULT_CALENDAR.workdays,
      holidays: (calendar.holidays as string[] | undefined) ?? [],
    },
    variables: (document.variables ?? {}) as Record<string, CompiledVariable>,
    stages: list(document.stages).map(compileStage),
    // Only when declared, so that definitions without process handlers keep their checksums.
    ...(document.on === undefined ? {} : { on: compileHandlers(document.on) }),
  });
  const checksum = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  return { ok: true, compiled: canonicalize({ ...content, checksum }) };
}
