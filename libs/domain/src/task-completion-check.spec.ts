import { type CompleteTaskInput, type FormSchema, SYSTEM_ACTOR, TaskRejectionCode } from '@accord/contracts';
import { checkTaskAction, checkTaskCompletion, type TaskUnderDecision } from './task-completion-check';

const form: FormSchema = {
  type: 'object',
  required: ['summary'],
  properties: { summary: { type: 'string', minLength: 3 } },
};

function openTask(overrides: Partial<TaskUnderDecision> = {}): TaskUnderDecision {
  return { assignee: { role: 'pm' }, outcomes: ['approve', 'reject'], status: 'open', ...overrides };
}

function completion(overrides: Partial<CompleteTaskInput> = {}): CompleteTaskInput {
  return { taskId: 't1', actor: { userId: 'paula', roles: ['pm'] }, outcome: 'approve', data: {}, requestId: 'r1', ...overrides };
}

describe(checkTaskCompletion.name, () => {
  it('accepts a completion by a holder of the offered role with an allowed outcome', () => {
    expect(checkTaskCompletion(openTask(), completion())).toBeUndefined();
  });

  it('refuses a task the stage does not know', () => {
    expect(checkTaskCompletion(undefined, completion())?.code).toBe(TaskRejectionCode.NOT_FOUND);
  });

  it('refuses a second completion of a completed task', () => {
    expect(checkTaskCompletion(openTask({ status: 'completed' }), completion())?.code).toBe(TaskRejectionCode.ALREADY_COMPLETED);
  });

  it('refuses a cancelled task', () => {
    expect(checkTaskCompletion(openTask({ status: 'cancelled' }), completion())?.code).toBe(TaskRejectionCode.CANCELLED);
  });

  it('refuses a task that expired when time ran out', () => {
    expect(checkTaskCompletion(openTask({ status: 'expired' }), completion())?.code).toBe(TaskRejectionCode.EXPIRED);
  });

  it('refuses a caller without the offered role', () => {
    const rejection = checkTaskCompletion(openTask(), completion({ actor: { userId: 'carl', roles: ['customer'] } }));
    expect(rejection?.code).toBe(TaskRejectionCode.FORBIDDEN);
  });

  it('lets only the named user complete a task assigned to a user', () => {
    const task = openTask({ assignee: { user: 'paula' } });
    expect(checkTaskCompletion(task, completion({ actor: { userId: 'paula', roles: [] } }))).toBeUndefined();
    expect(checkTaskCompletion(task, completion({ actor: { userId: 'peter', roles: ['pm'] } }))?.code).toBe(TaskRejectionCode.FORBIDDEN);
  });

  it('refuses an outcome the step does not allow, naming the field', () => {
    const rejection = checkTaskCompletion(openTask(), completion({ outcome: 'maybe' }));
    expect(rejection).toMatchObject({ code: TaskRejectionCode.INVALID_OUTCOME, details: [{ path: 'outcome' }] });
  });

  it('refuses form data that breaks the form, with paths under data', () => {
    const rejection = checkTaskCompletion(openTask({ form }), completion({ data: { summary: 'x' } }));
    expect(rejection?.code).toBe(TaskRejectionCode.INVALID_DATA);
    expect(rejection?.details.map((detail) => detail.path)).toEqual(['data.summary']);
  });
});

describe(`${checkTaskAction.name}: hand-back when someone leaves`, () => {
  const handBack = (userId: string, from = 'mike') => ({
    taskId: 't1',
    actor: { userId, roles: [] },
    action: { kind: 'hand-back' as const, from, toRole: 'pm' },
    requestId: 'r1',
  });

  it('takes a hand-back from the engine for a task the leaver claimed or was handed', () => {
    expect(checkTaskAction(openTask({ claimedBy: 'mike' }), handBack(SYSTEM_ACTOR))).toBeUndefined();
    expect(checkTaskAction(openTask({ assignee: { user: 'mike' } }), handBack(SYSTEM_ACTOR))).toBeUndefined();
  });

  it('refuses a hand-back from anyone but the engine, even the one who holds the task', () => {
    expect(checkTaskAction(openTask({ claimedBy: 'mike' }), handBack('mike'))?.code).toBe(TaskRejectionCode.FORBIDDEN);
  });

  it('refuses to hand back a task the leaver does not hold', () => {
    expect(checkTaskAction(openTask({ claimedBy: 'paula' }), handBack(SYSTEM_ACTOR))?.code).toBe(TaskRejectionCode.INVALID_DATA);
  });
});
