import { AccordHarness, eventually } from '../support/accord-harness';
import { scriptMembers, shippedScript } from '../support/shipped-script';

const SCRIPT = shippedScript('customer-review');
const MEMBERS = scriptMembers(SCRIPT);
const GATHER: [role: string, step: string][] = [
  ['sales', 'interview'],
  ['sales', 'survey-needs'],
  ['pm', 'competitor-analysis'],
  ['sales', 'market-research'],
];

interface StepPosition {
  path: string;
  state: string;
  tasks: { id: string; title: string; assignee: string | null; role: string | null }[];
}

describe('where a project stands, and running projects per step (HTTP API)', () => {
  let accord: AccordHarness;
  const tokens: Record<string, string> = {};
  let version: number;
  let gathered: string;
  let fresh: string;
  const start = async (name: string) => {
    const started = await accord.request('POST', '/projects', { token: tokens.pm, body: { definitionKey: 'customer-review', name, members: MEMBERS } });
    expect(started.status).toBe(201);
    return started.body.id as string;
  };
  const position = (projectId: string, token = tokens.pm) => accord.request('GET', `/projects/${projectId}/position`, { token });
  const stepOf = (steps: StepPosition[], stepPath: string) => steps.find((step) => step.path === stepPath);

  beforeAll(async () => {
    accord = await AccordHarness.start();
    for (const [role, user] of Object.entries(SCRIPT.people)) tokens[role] = accord.token(user, [role]);
    tokens.admin = accord.token('ada', ['admin']);
    tokens.auditor = accord.token('otto', ['auditor']);
    tokens.outsider = accord.token('pete', ['pm']);
    const versions = await accord.request('GET', '/definitions/customer-review/versions', { token: tokens.admin });
    version = (versions.body as { version: number; status: string }[]).find((row) => row.status === 'published')!.version;
    gathered = await start('Gathered warehouse');
    fresh = await start('Fresh warehouse');
    for (const [role, step] of GATHER) {
      const response = await accord.completeStep(tokens[role], gathered, step, { data: SCRIPT.tasks[step].data });
      expect({ step, status: response.status }).toEqual({ step, status: 200 });
    }
    await eventually(
      async () => (stepOf((await position(gathered)).body.steps ?? [], 'requirement-analysis/specify')?.state === 'open' ? true : undefined),
      'the specification open',
    );
    await eventually(
      async () => (stepOf((await position(fresh)).body.steps ?? [], 'requirement-analysis/interview')?.state === 'open' ? true : undefined),
      'the interview open',
    );
  }, 120_000);

  afterAll(async () => {
    await accord?.stop();
  });

  it("marks a fresh project's parallel branches open with their tasks, and what follows not reached", async () => {
    const response = await position(fresh);
    expect(response.status).toBe(200);
    const steps = response.body.steps as StepPosition[];
    expect(stepOf(steps, 'requirement-analysis/gather')?.state).toBe('open');
    expect(stepOf(steps, 'requirement-analysis/interview')).toEqual(
      expect.objectContaining({ state: 'open', tasks: [expect.objectContaining({ title: expect.any(String), role: 'sales' })] }),
    );
    expect(stepOf(steps, 'requirement-analysis/specify')?.state).toBe('not-reached');
    expect(stepOf(steps, 'solution-review/board-decision')?.state).toBe('not-reached');
    expect(response.body.stages).toEqual(
      expect.arrayContaining([
        { stage: 'requirement-analysis', state: 'running' },
        { stage: 'solution-review', state: 'not-reached' },
      ]),
    );
    expect(response.body.compiled).toEqual(expect.objectContaining({ key: 'customer-review', stages: expect.any(Array) }));
  });

  it('marks finished steps done and the step waiting on someone open', async () => {
    const steps = (await position(gathered)).body.steps as StepPosition[];
    for (const [, step] of GATHER) expect({ step, state: stepOf(steps, `requirement-analysis/${step}`)?.state }).toEqual({ step, state: 'done' });
    expect(stepOf(steps, 'requirement-analysis/gather')?.state).toBe('done');
    expect(stepOf(steps, 'requirement-analysis/specify')).toEqual(expect.objectContaining({ state: 'open', tasks: [expect.objectContaining({ role: 'pm' })] }));
    expect(stepOf(steps, 'requirement-analysis/requirement-review')?.state).toBe('not-reached');
  });

  it('answers 404 to someone who may not read the project, as for a project that does not exist', async () => {
    expect((await position(gathered, tokens.outsider)).status).toBe(404);
    expect((await position('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await position(gathered, tokens.auditor)).status).toBe(200);
  });

  it('counts the running projects waiting on each step of a version', async () => {
    const response = await accord.request('GET', `/definitions/customer-review/versions/${version}/step-counts`, { token: tokens.admin });
    expect(response.status).toBe(200);
    const counts = Object.fromEntries((response.body.counts as { path: string; projects: number }[]).map((count) => [count.path, count.projects]));
    expect(counts).toEqual(
      expect.objectContaining({
        'requirement-analysis/interview': 1,
        'requirement-analysis/market-research': 1,
        'requirement-analysis/specify': 1,
      }),
    );
    expect(response.body.runningProjects).toBe(2);
    expect((await accord.request('GET', `/definitions/customer-review/versions/${version}/step-counts`, { token: tokens.auditor })).status).toBe(200);
  });

  it('refuses the counts to anyone but admins and auditors, and answers 404 for a version that does not exist', async () => {
    expect((await accord.request('GET', `/definitions/customer-review/versions/${version}/step-counts`, { token: tokens.pm })).status).toBe(403);
    expect((await accord.request('GET', `/definitions/customer-review/versions/99/step-counts`, { token: tokens.admin })).status).toBe(404);
  });
});
