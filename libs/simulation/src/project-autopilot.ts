import { type Client, type WorkflowHandle, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { type DataSource, In } from 'typeorm';
import {
  completeTaskUpdate,
  type CompleteTaskResult,
  decodeTaskRejection,
  type FieldError,
  postedReadingId,
  postReadingsUpdate,
  projectEventId,
  type ProjectWorkflowResult,
  raiseEventUpdate,
} from '@accord/contracts';
import { readingsFromMeasurements } from '@accord/domain';
import { MetricReadingEntity, ProjectEventEntity, TaskEntity } from '@accord/persistence';
import type { ScriptedEvent, ScriptedReadings } from './actors-script';
import type { Participants } from './scripted-participants';
import { outlasts, STALLED } from './server-patience';

const DAY = 24 * 3_600_000;
/**
 * Simulated time a settle may let pass: the server skips it at once when nothing is in
 * progress, and runs it at wall-clock speed while something is, so a minute lets work that
 * takes up to a real minute finish first.
 */
const SETTLE_MS = 60_000;
/** How long to wait for an update's reply before asking the read model (see answeredAnywayIn). */
const UPDATE_PATIENCE_MS = 20_000;

/** What the autopilot drives: a Temporal client whose server skips time, and the read model the workers write. */
export interface SimulationServices {
  client: Client;
  dataSource: DataSource;
  /** Lets simulated time pass (the time-skipping server's sleep). */
  sleep: (ms: number) => Promise<void>;
  /** The server's clock, in milliseconds since the epoch. */
  now: () => Promise<number>;
}

export interface AutopilotRun {
  /** The project's result, or undefined when it was still running after the last day. */
  result?: ProjectWorkflowResult;
  days: number;
  /** Every completion the participants made, with the project day it was made on. */
  answered: { taskId: string; stepId: string; day: number; result: CompleteTaskResult }[];
  /** Completions the workflow refused (invalid form data…): the reason as people read it, and the engine's code and paths when it gave them. */
  refused: { taskId: string; stepId: string; day: number; message: string; code?: string; details?: FieldError[] }[];
}

/**
 * Drives a project on the time-skipping server day by day, as its participants would:
 * each day it raises the day's events and readings, answers every open task the script
 * answers (and whatever that opens), then lets a day pass. Ends when the project does,
 * or after `maxDays`.
 */
export async function runWithParticipants(
  services: SimulationServices,
  handle: WorkflowHandle,
  projectId: string,
  participants: Participants,
  options: {
    events?: ScriptedEvent[];
    readings?: ScriptedReadings[];
    maxDays: number;
    /** Told as each simulated day begins; a rejection (a cancelled job) stops the run there. */
    onDay?: (day: number, maxDays: number) => Promise<void>;
  },
): Promise<AutopilotRun> {
  const answered: AutopilotRun['answered'] = [];
  const refused: AutopilotRun['refused'] = [];
  const stageDays = new Map<string, number>();
  const tasks = services.dataSource.getRepository(TaskEntity);
  const answeredAnyway = (taskId: string, user: string) => answeredAnywayIn(services, taskId, user);
  // Days are counted from here, whatever the settles between them took.
  const firstDay = await services.now();
  // The latest time of day any answer was given: a timer it started falls due at that time of a later day.
  let latestAnswer = 0;
  for (let day = 0; day <= options.maxDays; day++) {
    await options.onDay?.(day, options.maxDays);
    for (const event of options.events?.filter((candidate) => candidate.day === day) ?? []) {
      await settle(services);
      const requestId = `${event.signal}-day-${day}`;
      await patiently(
        `the ${event.signal} of day ${day}`,
        () =>
          handle.executeUpdate(raiseEventUpdate, { args: [{ signal: event.signal, raisedBy: event.by, data: event.data, requestId }], updateId: requestId }),
        () => recorded(services, ProjectEventEntity, [projectEventId(projectId, requestId)]),
      );
    }
    for (const [index, reading] of (options.readings ?? []).entries()) {
      if (reading.day !== day) continue;
      await settle(services);
      const requestId = `readings-${index}-day-${day}`;
      const { readings } = readingsFromMeasurements(reading);
      await patiently(
        `the readings of day ${day}`,
        () => handle.executeUpdate(postReadingsUpdate, { args: [{ readings, postedBy: reading.by, requestId }], updateId: requestId }),
        () =>
          recorded(
            services,
            MetricReadingEntity,
            readings.map((posted) => postedReadingId(projectId, requestId, posted.metric)),
          ),
      );
    }
    for (let progress = true; progress;) {
      await settle(services);
      progress = false;
      const open = await tasks.find({ where: { projectId, status: 'open' }, order: { createdAt: 'ASC', id: 'ASC' } });
      for (const task of open) {
        if (!stageDays.has(task.stageId)) stageDays.set(task.stageId, day);
        const attempt = refused.filter((refusal) => refusal.taskId === task.id).length;
        const answer = participants(task, { day, refused: attempt, stageDay: (stageId) => stageDays.get(stageId) });
        if (!answer) continue;
        try {
          const requestId = `answer-${task.id}-${attempt}`;
          const result = await patiently(
            `the answer to ${task.id}`,
            () =>
              services.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
                args: [
                  {
                    taskId: task.id,
                    actor: { userId: answer.user, roles: [answer.role] },
                    outcome: answer.outcome ?? task.outcomes[0],
                    data: answer.data ?? {},
                    requestId,
                  },
                ],
                updateId: requestId,
              }),
            () => answeredAnyway(task.id, answer.user),
          );
          if (result !== TAKEN_WITHOUT_REPLY) answered.push({ taskId: task.id, stepId: task.stepId, day, result });
          latestAnswer = Math.max(latestAnswer, (await services.now()) - firstDay - day * DAY);
          progress = true;
        } catch (error) {
          if (error instanceof WorkflowNotFoundError && (await answeredAnyway(task.id, answer.user))) {
            progress = true;
            continue;
          }
          if (!(error instanceof WorkflowUpdateFailedError)) throw error;
          const reason = error.cause?.message ?? error.message;
          const rejection = decodeTaskRejection(reason);
          refused.push({
            taskId: task.id,
            stepId: task.stepId,
            day,
            message: refusalMessage(reason),
            ...(rejection ? { code: rejection.code, details: rejection.details } : {}),
          });
          // A participant corrects their answer once a day at most; a script that keeps failing does not loop.
          progress = attempt === 0;
        }
      }
      // Settles take simulated minutes: a timer an earlier answer started may fall due later in the day than today's last look, so look once more then.
      const timeOfDay = (await services.now()) - firstDay - day * DAY;
      if (!progress && timeOfDay < latestAnswer) {
        await services.sleep(latestAnswer - timeOfDay);
        progress = true;
      }
    }
    // Not handle.result(): on the time-skipping server, awaiting a result lets time run on by itself.
    if ((await handle.describe()).status.name !== 'RUNNING') return { result: (await handle.result()) as ProjectWorkflowResult, days: day, answered, refused };
    if (day < options.maxDays) await services.sleep(Math.max(0, firstDay + (day + 1) * DAY - (await services.now())));
  }
  return { days: options.maxDays, answered, refused };
}

const TAKEN_WITHOUT_REPLY = Symbol('taken without reply');

/** The engine's refusal as people read it: its message and each problem's path, not the encoded rejection. */
function refusalMessage(message: string): string {
  const rejection = decodeTaskRejection(message);
  if (!rejection) return message;
  return [`${rejection.code}: ${rejection.message}`, ...rejection.details.map((detail) => `${detail.path}: ${detail.message}`)].join('; ');
}

/**
 * Sends an update and waits for its reply, patiently: when none comes, the read model says
 * whether it was taken anyway (see answeredAnywayIn); if not, it is sent again under the same
 * update id, which the server deduplicates.
 */
async function patiently<T>(what: string, send: () => Promise<T>, taken: () => Promise<boolean>): Promise<T | typeof TAKEN_WITHOUT_REPLY> {
  for (let attempt = 1; ; attempt++) {
    const reply = await outlasts(send(), UPDATE_PATIENCE_MS);
    if (reply !== STALLED) return reply;
    console.warn(`${what} got no reply in ${UPDATE_PATIENCE_MS / 1000} s (attempt ${attempt}); asking the read model`);
    if (await taken()) return TAKEN_WITHOUT_REPLY;
    if (attempt === 2) throw new Error(`${what} got no reply in ${(2 * UPDATE_PATIENCE_MS) / 1000} s, twice sent, and the read model shows it was not taken`);
  }
}

/** Whether the read model holds rows with these ids: what an update that got no reply wrote if it was taken. */
async function recorded(services: SimulationServices, entity: typeof ProjectEventEntity | typeof MetricReadingEntity, ids: string[]): Promise<boolean> {
  return (await services.dataSource.getRepository(entity).countBy({ id: In(ids) })) > 0;
}

/**
 * The time-skipping test server loses the outcome of an update that its workflow completes
 * in the same task as the workflow ends, answering "update not found" or not at all; the
 * read model says whether the answer was taken.
 */
async function answeredAnywayIn(services: SimulationServices, taskId: string, user: string): Promise<boolean> {
  const task = await services.dataSource.getRepository(TaskEntity).findOneBy({ id: taskId });
  return task?.status === 'completed' && task.completedBy === user;
}

/**
 * Waits until the workflows have done what the last change caused. The test server holds its
 * clock while any workflow task, activity, child start or signal is in progress, so a short
 * sleep ends only once nothing is (or after SETTLE_MS of real time): a signal from the server
 * itself, where watching the read model for a quiet moment guessed, and guessed wrong on a
 * loaded machine, moving the participants' answers to the next day.
 */
function settle(services: SimulationServices): Promise<void> {
  return services.sleep(SETTLE_MS);
}
