import { validateDefinition } from './definition.validator';

/** A valid document using every step type; each test breaks one thing in it. */
const VALID = `key: full
name: Every construct
starters: [pm]
calendar: { timezone: Asia/Shanghai, workdays: [mon, tue, wed, thu, fri], holidays: [2026-10-01] }
variables:
  deviation: { type: number, default: 0 }
  phase: { type: string, default: early }
roles: { pm: {}, qa: {}, customer: { external: true } }
forms:
  minutes: { type: object, properties: { notes: { type: string } } }
stages:
  - id: track
    when: phase != "closed"
    steps:
      - id: draft
        type: task
        assignee: { role: pm }
        due: { workdays: 3 }
        escalations:
          - { after: { workdays: 2 }, do: remind }
          - { after: { workdays: 4 }, do: reassign, to: { role: qa } }
      - id: review
        type: approval
        policy: { kind: single, approvers: [ { role: qa } ] }
        onReject: { rework: draft, maxRounds: 2 }
        timeout: { after: P5D, outcome: escalate, to: { role: pm } }
      - id: route
        type: gate
        routes:
          - { when: deviation > 0.1, goto: analyse }
        default: sync
      - id: analyse
        type: subprocess
        stage: deviation-analysis
      - id: sync
        type: cadence
        every: P1W
        until: phase == "closed"
        step: { type: meeting, title: Progress meeting, organizer: { role: pm }, attendees: [ { role: pm }, { role: customer } ], minutesForm: minutes }
      - id: checks
        type: parallel
        join: all
        branches:
          - { id: quality, steps: [ { id: inspect, type: task, assignee: { role: qa } } ] }
          - { id: numbers, steps: [ { id: metrics, type: service, action: compute-metrics, with: { progress: inspect } } ] }
      - { id: pause, type: timer, duration: P1D }
    on:
      - { signal: change-request, start: deviation-analysis }
      - { metric: schedule_deviation, above: 0.1, start: deviation-analysis }
  - id: deviation-analysis
    trigger: on-demand
    steps:
      - { id: causes, type: task, assignee: { role: pm } }
`;

const codesAt = (source: string) => validateDefinition(source).map((error) => `${error.code} ${error.path}`);

describe('the definition language', () => {
  it('accepts a document using every construct', () => {
    expect(validateDefinition(VALID)).toEqual([]);
  });

  it('requires a gate to have a default path', () => {
    expect(codesAt(VALID.replace('        default: sync\n', ''))).toEqual(['GATE_WITHOUT_DEFAULT stages[0].steps[2]']);
  });

  it('refuses a gate routing to a step that does not exist (and so never reaching the one it meant)', () => {
    expect(codesAt(VALID.replace('goto: analyse', 'goto: analyze'))).toEqual([
      'UNKNOWN_STEP stages[0].steps[2].routes[0].goto',
      'UNREACHABLE_STEP stages[0].steps[3]',
    ]);
  });

  it('finds steps nothing leads to', () => {
    // With the route gone, nothing jumps to "analyse" any more: the gate's default skips it.
    const source = VALID.replace('        routes:\n          - { when: deviation > 0.1, goto: analyse }\n', '        routes: []\n');
    expect(codesAt(source)).toEqual(['REQUIRED stages[0].steps[2].routes', 'UNREACHABLE_STEP stages[0].steps[3]']);
  });

  it('finds a loop with no way out', () => {
    const source = VALID.replace('goto: analyse }', 'goto: draft }').replace('default: sync', 'default: draft');
    expect(codesAt(source)).toEqual(expect.arrayContaining(['CYCLE_WITHOUT_EXIT stages[0].steps[2]']));
  });

  it('refuses conditions that do not parse or name unknown variables', () => {
    expect(codesAt(VALID.replace('deviation > 0.1, goto', 'deviation >> 0.1, goto'))).toEqual(['BAD_EXPRESSION stages[0].steps[2].routes[0].when']);
    expect(codesAt(VALID.replace('when: phase != "closed"', 'when: stage_phase != "closed"'))).toEqual(['UNKNOWN_VARIABLE stages[0].when']);
  });

  it('refuses handlers that start stages that do not exist', () => {
    expect(codesAt(VALID.replace('{ signal: change-request, start: deviation-analysis }', '{ signal: change-request, start: adjust }'))).toEqual([
      'UNKNOWN_STAGE stages[0].on[0].start',
    ]);
  });

  it('refuses an on-demand stage that nothing starts', () => {
    const source = VALID.replace(/ {4}on:\n[\s\S]*? {2}- id: deviation-analysis/, '  - id: deviation-analysis').replace(
      'stage: deviation-analysis',
      'stage: track',
    );
    expect(codesAt(source)).toEqual(['UNREACHABLE_STAGE stages[1]']);
  });

  it('refuses bad working-day durations and calendars', () => {
    expect(codesAt(VALID.replace('due: { workdays: 3 }', 'due: { workdays: 0 }'))).toEqual(['BAD_DURATION stages[0].steps[0].due']);
    expect(codesAt(VALID.replace('timezone: Asia/Shanghai', 'timezone: Asia/Beijing'))).toEqual(['BAD_CALENDAR calendar.timezone']);
    expect(codesAt(VALID.replace('holidays: [2026-10-01]', 'holidays: [Oct 1]'))).toEqual(['BAD_CALENDAR calendar.holidays[0]']);
  });

  it('takes a cadence either every interval or before each baseline deadline, never both nor neither', () => {
    expect(codesAt(VALID.replace('        every: P1W\n', '        beforeDeadlines: { workdays: 3 }\n'))).toEqual([]);
    expect(codesAt(VALID.replace('        every: P1W\n', '        every: P1W\n        beforeDeadlines: { workdays: 3 }\n'))).toEqual([
      'INVALID_VALUE stages[0].steps[4].every',
    ]);
    expect(codesAt(VALID.replace('        every: P1W\n', ''))).toEqual(['REQUIRED stages[0].steps[4].every']);
    expect(codesAt(VALID.replace('        every: P1W\n', '        beforeDeadlines: { days: 3 }\n'))).toEqual([
      'INVALID_VALUE stages[0].steps[4].beforeDeadlines',
    ]);
  });

  it('lets a timer end early on a condition, checked like any other', () => {
    expect(codesAt(VALID.replace('{ id: pause, type: timer, duration: P1D }', '{ id: pause, type: timer, duration: P1D, until: phase == "closed" }'))).toEqual(
      [],
    );
    expect(codesAt(VALID.replace('{ id: pause, type: timer, duration: P1D }', '{ id: pause, type: timer, duration: P1D, until: closed }'))).toEqual([
      'UNKNOWN_VARIABLE stages[0].steps[6].until',
    ]);
  });

  it('refuses an escalation ladder that names nobody to reassign to', () => {
    expect(codesAt(VALID.replace('do: reassign, to: { role: qa } }', 'do: reassign }'))).toEqual(['REQUIRED stages[0].steps[0].escalations[1].to']);
  });

  it('refuses rework to a step that does not come before the approval', () => {
    expect(codesAt(VALID.replace('rework: draft', 'rework: sync'))).toEqual(['UNKNOWN_STEP stages[0].steps[1].onReject.rework']);
  });

  it('gives a task to the user an earlier step of its list names, and refuses any other step or no field', () => {
    const routed = (from: string) =>
      VALID.replace(
        '      - { id: causes, type: task, assignee: { role: pm } }',
        `      - { id: causes, type: task, assignee: { role: pm } }\n      - { id: fix, type: task, assignee: { role: qa }, assigneeFrom: ${from} }`,
      );
    expect(codesAt(routed('{ step: causes, field: owner }'))).toEqual([]);
    expect(codesAt(routed('{ step: fix, field: owner }'))).toEqual(['UNKNOWN_STEP stages[1].steps[1].assigneeFrom.step']);
    expect(codesAt(routed('{ step: draft, field: owner }'))).toEqual(['UNKNOWN_STEP stages[1].steps[1].assigneeFrom.step']);
    expect(codesAt(routed('{ step: causes }'))).toEqual(['REQUIRED stages[1].steps[1].assigneeFrom.field']);
  });

  it('refuses an unknown service action and an unknown subprocess stage', () => {
    expect(codesAt(VALID.replace('action: compute-metrics', 'action: mine-bitcoin'))).toEqual(['INVALID_VALUE stages[0].steps[5].branches[1].steps[0].action']);
    expect(codesAt(VALID.replace('stage: deviation-analysis', 'stage: analysis'))).toEqual(['UNKNOWN_STAGE stages[0].steps[3].stage']);
  });

  it('refuses duplicate step ids across parallel branches', () => {
    expect(codesAt(VALID.replace('{ id: metrics, type: service', '{ id: inspect, type: service'))).toEqual([
      'DUPLICATE_ID stages[0].steps[5].branches[1].steps[0].id',
    ]);
  });

  it('refuses a meeting without attendees and a cadence without its end condition', () => {
    expect(codesAt(VALID.replace(', attendees: [ { role: pm }, { role: customer } ]', ''))).toEqual(['REQUIRED stages[0].steps[4].step.attendees']);
    expect(codesAt(VALID.replace('        until: phase == "closed"\n', ''))).toEqual(['REQUIRED stages[0].steps[4].until']);
  });

  it('refuses a pause flag that is not true or false', () => {
    expect(codesAt(VALID.replace('        due: { workdays: 3 }\n', '        due: { workdays: 3 }\n        pauseWhileWaitingOnExternal: sometimes\n'))).toEqual([
      'WRONG_TYPE stages[0].steps[0].pauseWhileWaitingOnExternal',
    ]);
  });

  it('refuses set-variables on undeclared variables or with values of the wrong type, and notify without a recipient', () => {
    const source = VALID.replace(
      '{ id: pause, type: timer, duration: P1D }',
      '{ id: set, type: service, action: set-variables, with: { phase: 3, closed: true } }',
    );
    expect(codesAt(source)).toEqual(['WRONG_TYPE stages[0].steps[6].with.phase', 'UNKNOWN_VARIABLE stages[0].steps[6].with.closed']);
    expect(codesAt(VALID.replace('{ id: pause, type: timer, duration: P1D }', '{ id: tell, type: service, action: notify, with: { subject: Done } }'))).toEqual(
      ['REQUIRED stages[0].steps[6].with.to'],
    );
  });

  it('refuses domain service arguments naming steps that do not exist, missing, or unknown', () => {
    expect(codesAt(VALID.replace('with: { progress: inspect }', 'with: { progress: inspekt }'))).toEqual([
      'UNKNOWN_STEP stages[0].steps[5].branches[1].steps[0].with.progress',
    ]);
    expect(codesAt(VALID.replace('with: { progress: inspect }', 'with: { table: inspect }'))).toEqual([
      'UNKNOWN_PROPERTY stages[0].steps[5].branches[1].steps[0].with.table',
      'REQUIRED stages[0].steps[5].branches[1].steps[0].with.progress',
    ]);
    const baseline = VALID.replace(
      '{ id: pause, type: timer, duration: P1D }',
      '{ id: fix, type: service, action: publish-baseline, with: { goals: draft, signatures: [review] } }',
    );
    expect(codesAt(baseline)).toEqual(['WRONG_TYPE stages[0].steps[6].with.signatures']);
  });

  it('refuses a metric handler on a metric the engine does not read', () => {
    expect(codesAt(VALID.replace('metric: schedule_deviation', 'metric: happiness'))).toEqual(['INVALID_VALUE stages[0].on[1].metric']);
  });

  it('refuses a signal handler that starts the stage it is declared in', () => {
    expect(codesAt(VALID.replace('{ signal: change-request, start: deviation-analysis }', '{ signal: change-request, start: track }'))).toEqual([
      'HANDLER_STARTS_OWN_STAGE stages[0].on[0].start',
    ]);
  });

  it('refuses a metric handler that starts the stage it is declared in', () => {
    expect(
      codesAt(
        VALID.replace('{ metric: schedule_deviation, above: 0.1, start: deviation-analysis }', '{ metric: schedule_deviation, above: 0.1, start: track }'),
      ),
    ).toEqual(['HANDLER_STARTS_OWN_STAGE stages[0].on[1].start']);
  });

  it('does not count an on-demand stage starting itself as what starts it', () => {
    const source = VALID.replace(/ {4}on:\n[\s\S]*? {2}- id: deviation-analysis/, '  - id: deviation-analysis')
      .replace('stage: deviation-analysis', 'stage: track')
      .replace('    trigger: on-demand\n', '    trigger: on-demand\n    on: [ { signal: feedback, start: deviation-analysis } ]\n');
    expect(codesAt(source)).toEqual(['HANDLER_STARTS_OWN_STAGE stages[1].on[0].start', 'UNREACHABLE_STAGE stages[1]']);
  });

  describe('handlers of the whole process', () => {
    const withoutStageHandlers = VALID.replace(/ {4}on:\n[\s\S]*? {2}- id: deviation-analysis/, '  - id: deviation-analysis').replace(
      'stage: deviation-analysis',
      'stage: track',
    );

    it('accepts them, and counts the stages they start as started', () => {
      expect(
        codesAt(
          `${withoutStageHandlers}on:\n  - { signal: churn-warning, start: deviation-analysis }\n  - { metric: satisfaction, below: 3, start: deviation-analysis }\n`,
        ),
      ).toEqual([]);
    });

    it('checks them as a stage’s are, at their own paths', () => {
      expect(
        codesAt(`${VALID}on:\n  - { signal: churn-warning, start: retention }\n  - { metric: happiness, above: 1, start: track }\n  - { signal: complaint }\n`),
      ).toEqual(['UNKNOWN_STAGE on[0].start', 'INVALID_VALUE on[1].metric', 'REQUIRED on[2].start']);
    });
  });

  describe('who raises a signal (raisedBy) and the form of its data (form)', () => {
    const handler = '{ signal: change-request, start: deviation-analysis }';
    const declaring = (declaration: string) => VALID.replace(handler, `{ signal: change-request, start: deviation-analysis, ${declaration} }`);
    const alsoProcessWide = (source: string, processHandler: string) => `${source}on:\n  - ${processHandler}\n`;

    it('accepts roles and a form of the definition', () => {
      expect(codesAt(declaring('raisedBy: [customer, pm], form: minutes'))).toEqual([]);
    });

    it('refuses roles and forms the definition does not declare, at their paths', () => {
      expect(codesAt(declaring('raisedBy: [customer, buyer], form: change'))).toEqual([
        'UNKNOWN_ROLE stages[0].on[0].raisedBy[1]',
        'UNKNOWN_FORM stages[0].on[0].form',
      ]);
    });

    it('refuses an empty raisedBy: leaving it out is how any member may raise the signal', () => {
      expect(codesAt(declaring('raisedBy: []'))).toEqual(['REQUIRED stages[0].on[0].raisedBy']);
    });

    it('refuses them on a metric handler, which nobody raises', () => {
      const source = VALID.replace(
        '{ metric: schedule_deviation, above: 0.1, start: deviation-analysis }',
        '{ metric: schedule_deviation, above: 0.1, start: deviation-analysis, raisedBy: [pm], form: minutes }',
      );
      expect(codesAt(source)).toEqual(['UNKNOWN_PROPERTY stages[0].on[1].raisedBy', 'UNKNOWN_PROPERTY stages[0].on[1].form']);
    });

    it('refuses them on a signal only the engine raises', () => {
      const source = alsoProcessWide(VALID, '{ signal: churn-warning, start: deviation-analysis, raisedBy: [pm], form: minutes }');
      expect(codesAt(source)).toEqual(['INVALID_VALUE on[0].raisedBy', 'INVALID_VALUE on[0].form']);
    });

    it('accepts every handler of a signal declaring the same roles, in any order, and the same form', () => {
      const source = alsoProcessWide(
        declaring('raisedBy: [customer, pm], form: minutes'),
        '{ signal: change-request, start: deviation-analysis, raisedBy: [pm, customer], form: minutes }',
      );
      expect(codesAt(source)).toEqual([]);
    });

    it('refuses handlers of one signal that disagree on who raises it or on its form', () => {
      const source = alsoProcessWide(
        declaring('raisedBy: [customer, pm], form: minutes'),
        '{ signal: change-request, start: deviation-analysis, raisedBy: [pm] }',
      );
      expect(codesAt(source)).toEqual(['CONFLICTING_HANDLERS on[0].raisedBy', 'CONFLICTING_HANDLERS on[0]']);
    });

    it('refuses a handler that leaves raisedBy out where another handler of its signal declares it', () => {
      const source = alsoProcessWide(declaring('raisedBy: [pm]'), handler);
      const errors = validateDefinition(source);
      expect(errors.map((error) => `${error.code} ${error.path}`)).toEqual(['CONFLICTING_HANDLERS on[0]']);
      expect(errors[0].message).toContain('stages[0].on[0] declares raisedBy [pm]');
    });
  });

  it('refuses a holiday that is not a day of the calendar', () => {
    expect(codesAt(VALID.replace('holidays: [2026-10-01]', 'holidays: [2026-10-01, 2027-02-30]'))).toEqual(['IMPOSSIBLE_DATE calendar.holidays[1]']);
  });

  it('refuses a date variable whose default is not a day of the calendar', () => {
    expect(
      codesAt(
        VALID.replace('  phase: { type: string, default: early }', '  phase: { type: string, default: early }\n  kickoff: { type: date, default: 2027-02-30 }'),
      ),
    ).toEqual(['IMPOSSIBLE_DATE variables.kickoff.default']);
  });

  it('refuses set-variables writing a date that is not a day of the calendar', () => {
    const source = VALID.replace('  phase: { type: string, default: early }', '  phase: { type: string, default: early }\n  kickoff: { type: date }').replace(
      '{ id: pause, type: timer, duration: P1D }',
      '{ id: plan, type: service, action: set-variables, with: { kickoff: 2027-04-31 } }',
    );
    expect(codesAt(source)).toEqual(['IMPOSSIBLE_DATE stages[0].steps[6].with.kickoff']);
  });

  it('refuses set-variables on a name every object inherits, as on any undeclared name', () => {
    const source = VALID.replace('{ id: pause, type: timer, duration: P1D }', '{ id: set, type: service, action: set-variables, with: { constructor: 1 } }');
    expect(codesAt(source)).toEqual(['UNKNOWN_VARIABLE stages[0].steps[6].with.constructor']);
  });

  it('refuses a variable default of the wrong type', () => {
    expect(codesAt(VALID.replace('deviation: { type: number, default: 0 }', 'deviation: { type: number, default: none }'))).toEqual([
      'WRONG_TYPE variables.deviation.default',
    ]);
  });
});

describe('due dates and ladders on approvals and meetings, cadences that end at a step (issue 13)', () => {
  /** A stage where a weekly meeting runs beside the delivery, until the delivery is complete. */
  const delivery = (cadence: string, extra = '') => `key: delivery
name: Delivery
starters: [pm]
roles: { pm: {}, qa: {}, customer: { external: true } }
stages:
  - id: deliver
    steps:
      - id: work
        type: parallel
        join: all
        branches:
          - id: follow-up
            steps:
              - id: weekly
                type: cadence
                every: P1W
${cadence}
                step: { type: meeting, title: Weekly, organizer: { role: pm }, attendees: [ { role: customer } ] }
          - id: build
            steps:
              - { id: build-it, type: task, assignee: { role: qa } }
              - { id: delivery-complete, type: gate, routes: [ { when: "true", goto: end } ], default: end }
      - id: sign-off
        type: approval
        policy: { kind: single, approvers: [ { role: customer } ] }
${extra}`;

  it('accepts a due date and a ladder on an approval, and a ladder on a meeting', () => {
    const source = VALID.replace(
      '        timeout: { after: P5D, outcome: escalate, to: { role: pm } }',
      '        due: { workdays: 2 }\n        pauseWhileWaitingOnExternal: true\n        escalations: [ { after: P1D, do: remind }, { after: P3D, do: reassign, to: { role: pm } } ]',
    ).replace(
      'minutesForm: minutes }',
      'minutesForm: minutes, due: P2D, pauseWhileWaitingOnExternal: true, escalations: [ { after: P1D, do: remind }, { after: P2D, do: notify, to: { role: qa } } ] }',
    );
    expect(validateDefinition(source)).toEqual([]);
  });

  it('checks an approval’s due date as a duration', () => {
    expect(
      codesAt(
        VALID.replace('        onReject: { rework: draft, maxRounds: 2 }', '        onReject: { rework: draft, maxRounds: 2 }\n        due: { workdays: 0 }'),
      ),
    ).toEqual(['BAD_DURATION stages[0].steps[1].due']);
  });

  it('checks a meeting’s ladder as a task’s, at its own paths', () => {
    const source = VALID.replace(
      'minutesForm: minutes }',
      'minutesForm: minutes, escalations: [ { after: P1D, do: notify }, { after: P2D, do: reassign, to: { role: boss } } ] }',
    );
    expect(codesAt(source)).toEqual(['REQUIRED stages[0].steps[4].step.escalations[0].to', 'UNKNOWN_ROLE stages[0].steps[4].step.escalations[1].to.role']);
  });

  it('refuses to record a meeting as held automatically', () => {
    const source = VALID.replace('minutesForm: minutes }', 'minutesForm: minutes, escalations: [ { after: P3D, do: auto-decide, outcome: held } ] }');
    expect(codesAt(source)).toEqual(['INVALID_VALUE stages[0].steps[4].step.escalations[0].do']);
  });

  it('accepts a cadence that ends when a step of another branch is reached', () => {
    expect(validateDefinition(delivery('                until: { reached: delivery-complete }'))).toEqual([]);
  });

  it('refuses a cadence that ends at a step its stage does not have', () => {
    expect(codesAt(delivery('                until: { reached: delivery-done }'))).toEqual([
      'UNKNOWN_STEP stages[0].steps[0].branches[0].steps[0].until.reached',
    ]);
  });

  it('refuses a cadence that ends at a step of another stage', () => {
    const source = delivery(
      '                until: { reached: closing }',
      '  - id: close\n    steps:\n      - { id: closing, type: task, assignee: { role: pm } }\n',
    );
    expect(codesAt(source)).toEqual(['UNKNOWN_STEP stages[0].steps[0].branches[0].steps[0].until.reached']);
  });

  it('refuses a cadence that ends at a step that runs only after it, which would never come', () => {
    expect(codesAt(delivery('                until: { reached: sign-off }'))).toEqual(['INVALID_VALUE stages[0].steps[0].branches[0].steps[0].until.reached']);
    expect(codesAt(delivery('                until: { reached: work }'))).toEqual(['INVALID_VALUE stages[0].steps[0].branches[0].steps[0].until.reached']);
  });

  it('refuses a cadence that ends when it is reached itself', () => {
    expect(codesAt(delivery('                until: { reached: weekly }'))).toEqual(['INVALID_VALUE stages[0].steps[0].branches[0].steps[0].until.reached']);
  });

  it('refuses anything but reached in a cadence’s until mapping', () => {
    expect(codesAt(delivery('                until: { reached: delivery-complete, after: P1D }'))).toEqual([
      'UNKNOWN_PROPERTY stages[0].steps[0].branches[0].steps[0].until.after',
    ]);
    expect(codesAt(delivery('                until: {}'))).toEqual(['REQUIRED stages[0].steps[0].branches[0].steps[0].until.reached']);
  });
});
