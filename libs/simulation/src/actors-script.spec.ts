import fs from 'node:fs';
import path from 'node:path';
import type { CompiledDefinition } from '@accord/contracts';
import { compileDefinition } from '@accord/definitions';
import type { TaskEntity } from '@accord/persistence';
import { parseActorsScript } from './actors-script';
import { participantsFrom } from './scripted-participants';

const definitions = path.resolve(__dirname, '../../../definitions');

function compiled(): CompiledDefinition {
  const result = compileDefinition(fs.readFileSync(path.join(definitions, 'customer-expectation.yaml'), 'utf8'));
  if (!result.ok) throw new Error('customer-expectation.yaml does not compile');
  return result.compiled;
}

const task = (fields: Partial<TaskEntity>): TaskEntity =>
  ({ id: 'p:s:1:step:1', stageId: 'track', kind: 'task', candidateRole: 'pm', assigneeUser: null, ...fields }) as TaskEntity;
const moment = (day: number, refused = 0, stages: Record<string, number> = {}) => ({ day, refused, stageDay: (stage: string) => stages[stage] });

describe(parseActorsScript.name, () => {
  it('reads the script shipped beside customer-expectation.yaml', () => {
    const parsed = parseActorsScript(fs.readFileSync(path.join(definitions, 'customer-expectation.actors.yaml'), 'utf8'), compiled());
    expect(parsed.ok && parsed.script.events.map((event) => [event.day, event.signal])).toEqual([
      [21, 'change-request'],
      [45, 'feedback'],
    ]);
  });

  it('names every step, role, signal and measurement the definition does not know, with its path', () => {
    const parsed = parseActorsScript(
      `people: { pm: paula, cto: cleo }
tasks:
  draft-goal: { data: {} }
  acceptance: { after: { stage: tracking, days: 3 }, colour: red }
events:
  - { day: 3, signal: party, by: carl }
readings:
  - { day: 4, by: quinn, inspection: { inspected: 5, nonConforming: 9 } }
`,
      compiled(),
    );
    expect(parsed.ok ? [] : parsed.errors.map((error) => error.path)).toEqual([
      'people.cto',
      'tasks.draft-goal',
      'tasks.acceptance.colour',
      'tasks.acceptance.after',
      'events[0].signal',
      'readings[0].inspection.nonConforming',
    ]);
  });
});

describe(`${parseActorsScript.name}: dates written as project days`, () => {
  // 01:30 on Monday 4 January in Shanghai, the definition's time zone, and still Sunday in UTC.
  const START = new Date('2027-01-03T17:30:00Z');

  it('makes `day N` the local date N days after the start wherever participants answer, raise or report, and nothing else', () => {
    const parsed = parseActorsScript(
      `people: { pm: paula, customer: carl }
meetings: { minutes: Met on day 3, actionItems: [{ item: Send the plan, owner: paula, due: day 2 }] }
tasks:
  draft-goals: { attempts: [ { data: { goals: [{ deadline: day 84 }] } } ] }
events:
  - { day: 21, signal: change-request, by: carl, data: { trigger: scope, neededBy: day 60 } }
readings:
  - { day: 7, by: paula, progress: { rows: [{ phase: build, task: Interfaces, owner: paula, due: day 28, plannedPercent: 50, actualPercent: 40 }] } }
`,
      compiled(),
      START,
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const { script } = parsed;
    expect(script.meetings).toEqual({ minutes: 'Met on day 3', actionItems: [{ item: 'Send the plan', owner: 'paula', due: '2027-01-06' }] });
    expect(script.tasks['draft-goals'].attempts?.[0].data).toEqual({ goals: [{ deadline: '2027-03-29' }] });
    expect(script.events[0]).toMatchObject({ day: 21, data: { trigger: 'scope', neededBy: '2027-03-05' } });
    expect(script.readings[0].progress?.rows[0].due).toBe('2027-02-01');
  });

  it('gives the shipped scripts their dates from the start, and writes none of them as a fixed date', () => {
    const later = new Date('2027-09-06T01:00:00Z');
    const deadlines = (start: Date) => {
      const parsed = parseActorsScript(fs.readFileSync(path.join(definitions, 'customer-expectation.actors.yaml'), 'utf8'), compiled(), start);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return (parsed.script.tasks['draft-goals'].attempts?.at(-1)?.data?.goals as { deadline: string }[]).map((goal) => goal.deadline);
    };
    expect(deadlines(START)).toEqual(['2027-03-29', '2027-05-28']);
    expect(deadlines(later)).toEqual(['2027-11-29', '2028-01-28']);
    for (const name of fs.readdirSync(definitions).filter((file) => file.endsWith('.actors.yaml')))
      expect([name, fs.readFileSync(path.join(definitions, name), 'utf8').match(/\b\d{4}-\d{2}-\d{2}\b/g)]).toEqual([name, null]);
  });
});

describe(`${parseActorsScript.name}: the customer and the company's analytics settings`, () => {
  it('takes the project’s customer and overlays the numbers given on the default settings', () => {
    const parsed = parseActorsScript(
      `people: { pm: paula }\ncustomer: { key: acme, name: ACME, annualContractValue: 50000 }\nanalytics: { churn: { threshold: 0.3, signals: { silence: { weight: 0 } } } }\n`,
      compiled(),
    );
    expect(parsed.ok && parsed.script.customer).toEqual({ key: 'acme', name: 'ACME', annualContractValue: 50000 });
    const analytics = parsed.ok ? parsed.script.analytics : undefined;
    expect([analytics?.churn.threshold, analytics?.churn.signals.silence, analytics?.churn.signals.openComplaints.weight, analytics?.trend.months]).toEqual([
      0.3,
      { weight: 0, fullAt: 60 },
      0.2,
      6,
    ]);
  });

  it('names a bad customer and every unknown or non-numeric setting by its path', () => {
    const parsed = parseActorsScript(
      `people: { pm: paula }\ncustomer: { key: ACME Corp }\nanalytics: { churn: { threshold: high, mood: 1 }, classification: { valueThresholds: { a: 10, b: 20 } } }\n`,
      compiled(),
    );
    expect(parsed.ok ? [] : parsed.errors.map((error) => error.path)).toEqual([
      'customer',
      'analytics.churn.mood',
      'analytics.churn.threshold',
      'analytics.classification.valueThresholds.a',
    ]);
  });
});

describe(participantsFrom.name, () => {
  const parse = (source: string) => {
    const parsed = parseActorsScript(source, compiled());
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return participantsFrom(parsed.script);
  };

  it('leaves a task open until its day, then answers as the user playing the role it is offered to', () => {
    const sut = parse('people: { sales: sam, pmo: olga }\ntasks:\n  presales-intake: { from-day: 7, data: { phase: presales } }\n');
    const intake = task({ stepId: 'presales-intake', candidateRole: 'pmo' });
    expect(sut(intake, moment(6))).toBeUndefined();
    expect(sut(intake, moment(7))).toEqual({ user: 'olga', role: 'pmo', data: { phase: 'presales' } });
  });

  it('tries the next attempt after a refusal, answers occurrences in turn, and waits for days into a stage', () => {
    const sut = parse(`people: { pm: paula, customer: carl }
tasks:
  draft-goals: { attempts: [ { data: { goals: [] } }, { data: { goals: [1] } } ] }
  progress-update-occurrence: { occurrences: [ { data: { week: 1 } }, { data: { week: 2 } } ] }
  acceptance: { after: { stage: track, days: 35 } }
`);
    expect(sut(task({ stepId: 'draft-goals' }), moment(3, 1))?.data).toEqual({ goals: [1] });
    expect(sut(task({ id: 'p:track:1:progress-update-occurrence:5', stepId: 'progress-update-occurrence' }), moment(40))?.data).toEqual({ week: 2 });
    const acceptance = task({ stepId: 'acceptance', kind: 'approval', candidateRole: 'customer' });
    expect(sut(acceptance, moment(50, 0, { track: 20 }))).toBeUndefined();
    expect(sut(acceptance, moment(55, 0, { track: 20 }))).toMatchObject({ user: 'carl', outcome: 'approve' });
  });

  it('answers only the roles named, approves what it does not name, and holds unnamed meetings with the default minutes', () => {
    const sut = parse('people: { tech_lead: tom, pmo: olga, pm: paula }\nmeetings: { minutes: Fine }\ntasks:\n  review-goals: { roles: [tech_lead] }\n');
    expect(sut(task({ stepId: 'review-goals', kind: 'approval', candidateRole: 'pmo' }), moment(1))).toBeUndefined();
    expect(sut(task({ stepId: 'review-goals', kind: 'approval', candidateRole: 'tech_lead' }), moment(1))).toMatchObject({ user: 'tom', outcome: 'approve' });
    expect(sut(task({ stepId: 'internal-review', kind: 'approval', candidateRole: 'pmo' }), moment(1))).toMatchObject({ user: 'olga', outcome: 'approve' });
    expect(sut(task({ stepId: 'kickoff', kind: 'meeting' }), moment(1))).toEqual({ user: 'paula', role: 'pm', data: { minutes: 'Fine' } });
  });
});
