import type { CompiledStage, StageHandler } from '@accord/contracts';
import { handledSignals, handlersWhile, signalDeclaration, signalHandlerWhile } from './event-handlers';

const stage = (id: string, on: StageHandler[]): CompiledStage => ({ id, name: id, trigger: 'sequence', steps: [], on });

describe('event handlers of a stage and of the process', () => {
  const definition = {
    stages: [
      stage('track', [
        { signal: 'complaint', start: 'escalate' },
        { metric: 'schedule_deviation', above: 0.1, start: 'recover' },
      ]),
      stage('assess', []),
    ],
    on: [
      { signal: 'complaint', start: 'complaint-handling' },
      { signal: 'churn-warning', start: 'retention' },
    ] as StageHandler[],
  };

  it('answers a signal with the running stage’s handler before the process’s', () => {
    expect(signalHandlerWhile(definition, 'track', 'complaint')?.start).toBe('escalate');
    expect(signalHandlerWhile(definition, 'assess', 'complaint')?.start).toBe('complaint-handling');
  });

  it('hears the process’s handlers between stages too', () => {
    expect(signalHandlerWhile(definition, null, 'churn-warning')?.start).toBe('retention');
    expect(handlersWhile(definition, null)).toHaveLength(2);
  });

  it('hears nothing of the process in a definition without process handlers', () => {
    expect(handlersWhile({ stages: definition.stages }, 'assess')).toEqual([]);
    expect([...handledSignals({ stages: definition.stages })]).toEqual(['complaint']);
  });

  it('lists every signal some stage or the process handles', () => {
    expect([...handledSignals(definition)].sort()).toEqual(['churn-warning', 'complaint']);
  });

  it('tells who may raise a signal and the form of its data, as its handlers declare them', () => {
    const declaring = {
      stages: [stage('track', [{ signal: 'complaint', start: 'escalate', raisedBy: ['customer', 'pm'], form: 'complaint' } as StageHandler])],
      on: definition.on,
    };
    expect(signalDeclaration(declaring, 'complaint')).toEqual({ raisedBy: ['customer', 'pm'], form: 'complaint' });
    expect(signalDeclaration(declaring, 'churn-warning')).toEqual({ raisedBy: undefined, form: undefined });
    expect(signalDeclaration(declaring, 'change-request')).toBeUndefined();
  });
});
