import { SYSTEM_ACTOR } from '@accord/contracts';
import { type CompletedStep, submissionBefore } from './approval-submission';

const at = (minute: number) => new Date(Date.UTC(2027, 2, 3, 14, minute));

/** A step completed by hand at the given minute, unless the overrides say otherwise. */
const aStep = (stepId: string, minute: number, overrides: Partial<CompletedStep> = {}): CompletedStep => ({
  stepId,
  kind: 'task',
  title: `Title of ${stepId}`,
  completedBy: 'paula',
  closedAt: at(minute),
  ...overrides,
});

describe(submissionBefore.name, () => {
  it('names the last step done by hand before the approval, as its first version', () => {
    expect(submissionBefore([aStep('record', 1), aStep('draft-goals', 2, { completedBy: 'pete' })], at(3))).toEqual({
      stepId: 'draft-goals',
      title: 'Title of draft-goals',
      version: 1,
      submittedBy: 'pete',
      submittedAt: at(2),
    });
  });

  it('counts each return for rework as a new version of the same step', () => {
    const run = [aStep('draft-goals', 1), aStep('sign-goals', 2, { kind: 'approval', completedBy: 'carl' }), aStep('draft-goals', 3), aStep('draft-goals', 5)];
    expect([submissionBefore(run, at(2))?.version, submissionBefore(run, at(4))?.version, submissionBefore(run, at(6))?.version]).toEqual([1, 2, 3]);
  });

  it('passes over approval decisions and what the engine did', () => {
    const run = [
      aStep('draft-goals', 1),
      aStep('review-goals', 2, { kind: 'approval', completedBy: 'tom' }),
      aStep('baseline', 3, { completedBy: SYSTEM_ACTOR }),
    ];
    expect(submissionBefore(run, at(4))).toMatchObject({ stepId: 'draft-goals', submittedBy: 'paula' });
  });

  it('counts a completion in the same instant as the approval opened: the workflow opens it in the same activation', () => {
    expect(submissionBefore([aStep('record', 1)], at(1))).toMatchObject({ stepId: 'record', version: 1 });
  });

  it('answers null when nothing was done by hand before the approval', () => {
    expect(submissionBefore([aStep('record', 5)], at(4))).toBeNull();
  });
});
