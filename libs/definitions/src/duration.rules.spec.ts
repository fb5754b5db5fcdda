import { DefinitionErrorCode as Code } from './definition-error';
import { validateDefinition } from './definition.validator';
import { checkDuration, durationLimits } from './duration.rules';

/** A one-stage definition around `steps` (YAML flow mappings), on the calendar given, if any. */
const definition = ({ steps, calendar }: { steps: string[]; calendar?: string }) => `key: durations
name: Durations
starters: [pm]
roles: { pm: {} }
${calendar ? `calendar: ${calendar}\n` : ''}variables: { closed: { type: boolean, default: false } }
stages:
  - id: work
    steps:
${steps.map((step) => `      - ${step}`).join('\n')}
`;

/** Every place a definition holds a duration: a one-step list writing `value` there, and the path it is reported at. */
const DURATION_FIELDS: Array<[string, (value: string) => string, string]> = [
  ['task due date', (value) => `{ id: draft, type: task, assignee: { role: pm }, due: ${value} }`, 'stages[0].steps[0].due'],
  [
    'escalation rung',
    (value) => `{ id: draft, type: task, assignee: { role: pm }, escalations: [ { after: ${value}, do: remind } ] }`,
    'stages[0].steps[0].escalations[0].after',
  ],
  [
    'approval timeout',
    (value) => `{ id: sign, type: approval, policy: { kind: single, approvers: [ { role: pm } ] }, timeout: { after: ${value}, outcome: approve } }`,
    'stages[0].steps[0].timeout.after',
  ],
  ['timer', (value) => `{ id: wait, type: timer, duration: ${value} }`, 'stages[0].steps[0].duration'],
  [
    'meeting due date',
    (value) => `{ id: meet, type: meeting, title: Sync, organizer: { role: pm }, attendees: [ { role: pm } ], due: ${value} }`,
    'stages[0].steps[0].due',
  ],
  [
    'cadence interval',
    (value) => `{ id: sync, type: cadence, every: ${value}, until: closed, step: { type: task, assignee: { role: pm } } }`,
    'stages[0].steps[0].every',
  ],
  [
    'repeated task due date',
    (value) => `{ id: sync, type: cadence, every: P1W, until: closed, step: { type: task, assignee: { role: pm }, due: ${value} } }`,
    'stages[0].steps[0].step.due',
  ],
];

const codesAt = (source: string) => validateDefinition(source).map((error) => `${error.code} ${error.path}`);
const timer = (duration: string) => definition({ steps: [`{ id: wait, type: timer, duration: ${duration} }`] });

describe(checkDuration.name, () => {
  it.each(DURATION_FIELDS)('refuses a %s of no time at all', (_, step, path) => {
    expect(codesAt(definition({ steps: [step('P0D')] }))).toEqual([`DURATION_OUT_OF_RANGE ${path}`]);
  });

  it.each(DURATION_FIELDS)('refuses a %s longer than 100 years', (_, step, path) => {
    expect(codesAt(definition({ steps: [step('P99999999999D')] }))).toEqual([`DURATION_OUT_OF_RANGE ${path}`]);
  });

  it.each(DURATION_FIELDS)('refuses a %s of more working days than the engine counts', (_, step, path) => {
    expect(codesAt(definition({ steps: [step('{ workdays: 2601 }')] }))).toEqual([`DURATION_OUT_OF_RANGE ${path}`]);
  });

  it('points a duration out of range at its line and column', () => {
    expect(validateDefinition(timer('P99999999999D'))).toEqual([
      {
        code: Code.DURATION_OUT_OF_RANGE,
        path: 'stages[0].steps[0].duration',
        message: 'duration P99999999999D is longer than 100 years (P36500D), the longest a definition may wait',
        line: 9,
        column: 44,
      },
    ]);
  });

  it('refuses a duration the engine would round to zero milliseconds', () => {
    expect(codesAt(timer('PT0.0004S'))).toEqual(['DURATION_OUT_OF_RANGE stages[0].steps[0].duration']);
  });

  it('accepts a millisecond', () => {
    expect(codesAt(timer('PT0.001S'))).toEqual([]);
  });

  it('accepts exactly 100 years', () => {
    expect(codesAt(timer('P36500D'))).toEqual([]);
  });

  it('refuses 100 years and a second', () => {
    expect(codesAt(timer('P36500DT1S'))).toEqual(['DURATION_OUT_OF_RANGE stages[0].steps[0].duration']);
  });

  it('refuses a duration with more digits than a number holds', () => {
    expect(codesAt(timer(`P${'9'.repeat(400)}D`))).toEqual(['DURATION_OUT_OF_RANGE stages[0].steps[0].duration']);
  });

  it('refuses a negative ISO duration as no duration at all', () => {
    expect(codesAt(timer('-P1D'))).toEqual(['BAD_DURATION stages[0].steps[0].duration']);
  });

  it('refuses a negative count of working days as no duration at all', () => {
    expect(codesAt(timer('{ workdays: -1 }'))).toEqual(['BAD_DURATION stages[0].steps[0].duration']);
  });

  it('accepts as many working days as ten years of the calendar hold', () => {
    expect(codesAt(timer('{ workdays: 2600 }'))).toEqual([]);
  });

  it('counts the working days of the definition’s own calendar', () => {
    const weekends = definition({ calendar: '{ workdays: [sat, sun] }', steps: ['{ id: wait, type: timer, duration: { workdays: 1041 } }'] });
    expect(codesAt(weekends)).toEqual(['DURATION_OUT_OF_RANGE stages[0].steps[0].duration']);
  });

  it('refuses a cadence more frequent than hourly', () => {
    const cadence = definition({ steps: ['{ id: sync, type: cadence, every: PT59M, until: closed, step: { type: task, assignee: { role: pm } } }'] });
    expect(validateDefinition(cadence)).toEqual([
      expect.objectContaining({ code: Code.CADENCE_TOO_FREQUENT, path: 'stages[0].steps[0].every', line: 9, column: 43 }),
    ]);
  });

  it('lets an every cadence keep its scheduled day on weekends and holidays, and nothing else', () => {
    const keep = (extra: string) =>
      definition({ steps: [`{ id: sync, type: cadence, every: P1D, ${extra}until: closed, step: { type: task, assignee: { role: pm } } }`] });
    expect(codesAt(keep('onNonWorkingDay: keep, '))).toEqual([]);
    expect(codesAt(keep('onNonWorkingDay: skip, '))).toEqual(['INVALID_VALUE stages[0].steps[0].onNonWorkingDay']);
    const confirmations = definition({
      steps: [
        '{ id: confirm, type: cadence, beforeDeadlines: { workdays: 2 }, onNonWorkingDay: keep, until: closed, step: { type: task, assignee: { role: pm } } }',
      ],
    });
    expect(codesAt(confirmations)).toEqual(['INVALID_VALUE stages[0].steps[0].onNonWorkingDay']);
  });

  it('accepts an hourly cadence', () => {
    expect(codesAt(definition({ steps: ['{ id: sync, type: cadence, every: PT1H, until: closed, step: { type: task, assignee: { role: pm } } }'] }))).toEqual(
      [],
    );
  });

  it('refuses confirmations more working days before a deadline than the engine counts back', () => {
    const confirmations = definition({
      steps: ['{ id: confirm, type: cadence, beforeDeadlines: { workdays: 2601 }, until: closed, step: { type: task, assignee: { role: pm } } }'],
    });
    expect(codesAt(confirmations)).toEqual(['DURATION_OUT_OF_RANGE stages[0].steps[0].beforeDeadlines.workdays']);
  });
});

describe(durationLimits.name, () => {
  it('counts 520 weeks of Monday to Friday when the definition has no calendar', () => {
    expect(durationLimits(undefined)).toEqual({ mostWorkdays: 2600 });
  });

  it('counts each working weekday once and takes every holiday off', () => {
    expect(durationLimits({ workdays: ['mon', 'mon', 'tue'], holidays: ['2027-01-01', '2027-05-01'] })).toEqual({ mostWorkdays: 1038 });
  });

  it('counts on Monday to Friday when no listed weekday is valid, which the calendar check reports', () => {
    expect(durationLimits({ workdays: ['monday'] })).toEqual({ mostWorkdays: 2600 });
  });
});
