import { AccordHarness, eventually } from '../support/accord-harness';
import { dateInDays } from '../support/dates';

/**
 * Work for a customer that the record reads: a kick-off whose minutes give action items,
 * feedback and complaints answered, a schedule off by more than 10 % analysed.
 */
const DEFINITION = `key: crm-work
name: Customer work the customer record reads
starters: [pm]
roles: { pm: {}, qa: {}, customer: { external: true } }
stages:
  - id: deliver
    steps:
      - { id: kickoff, type: meeting, title: Kick-off, organizer: { role: pm }, attendees: [ { role: pm }, { role: customer } ] }
      - { id: deliver, name: Deliver the release, type: task, assignee: { role: pm } }
    on:
      - { signal: feedback, start: answer }
      - { signal: complaint, start: answer }
      - { metric: schedule_deviation, above: 0.1, start: analyse }
  - id: answer
    trigger: on-demand
    steps:
      - { id: answer, name: Answer the customer, type: task, assignee: { role: pm } }
  - id: analyse
    trigger: on-demand
    steps:
      - { id: analyse, name: Analyse the deviation, type: task, assignee: { role: pm } }
`;

const DAY = 86_400_000;
const PROFILE = {
  industry: 'manufacturing',
  size: 'large',
  region: 'emea',
  annualContractValue: 50_000,
  contacts: [{ name: 'Carla Jones', role: 'Head of IT', email: 'carla@acme.example', phone: '+49 30 1234567' }],
};

interface ChurnSignal {
  name: string;
  weight: number;
  value: number;
  from: { id: string }[];
}
interface ListItem {
  key: string;
  abc: string;
  churnWarning: boolean;
}

/**
 * Issue 13 (R-REV-7): the customer record with its profile, history and three explainable,
 * configurable analyses, and the customer list, on the real stack through HTTP.
 */
describe('the customer record and its analyses (dev server, HTTP)', () => {
  let accord: AccordHarness;
  const tokens: Record<string, string> = {};
  const api = (method: string, url: string, who: string, body?: unknown) => accord.request(method, url, { token: tokens[who], body });
  const paths = (body: { details: { path: string }[] }) => [...new Set(body.details.map((detail) => detail.path))].sort();
  const ids: Record<string, string> = {};
  const start = async (
    name: string,
    customer: { key: string; name: string },
    who = 'paula',
    members = [
      { user: 'carl', role: 'customer' },
      { user: 'quinn', role: 'qa' },
    ],
  ) => {
    const started = await api('POST', '/projects', who, { definitionKey: 'crm-work', name, customer, members });
    expect(started.status).toBe(201);
    return started.body.id as string;
  };
  const record = (key: string, who = 'admin') => api('GET', `/customers/${key}`, who);
  const signal = (body: { analyses: { churn: { signals: ChurnSignal[] } } }, name: string) =>
    body.analyses.churn.signals.find((candidate) => candidate.name === name)!;
  const listKeys = async (query: string, who = 'admin') => {
    const response = await api('GET', `/customers${query}`, who);
    expect(response.status).toBe(200);
    return (response.body.items as ListItem[]).map((item) => item.key);
  };

  beforeAll(async () => {
    accord = await AccordHarness.start();
    tokens.paula = accord.token('paula', ['pm']);
    tokens.pete = accord.token('pete', ['pm']);
    tokens.quinn = accord.token('quinn', ['qa']);
    tokens.carl = accord.token('carl', ['customer']);
    tokens.admin = accord.token('ada', ['admin']);
    tokens.auditor = accord.token('aldo', ['auditor']);
    await accord.publish('crm-work', DEFINITION);
    ids.erp = await start('ACME ERP roll-out', { key: 'acme', name: 'ACME Manufacturing' });
    ids.crm = await start('ACME CRM roll-out', { key: 'acme', name: 'ACME Manufacturing' });
    ids.globex = await start('Globex portal', { key: 'globex', name: 'Globex' });
    ids.initech = await start('Initech intranet', { key: 'initech', name: 'Initech' }, 'pete', []);

    // Globex's one project is done, and (a SQL arrangement: time cannot pass through HTTP) 120 days ago.
    expect((await accord.completeStep(tokens.paula, ids.globex, 'kickoff', { data: { minutes: 'Held' } })).status).toBe(200);
    expect((await accord.completeStep(tokens.paula, ids.globex, 'deliver')).status).toBe(200);
    await eventually(async () => ((await api('GET', `/projects/${ids.globex}`, 'paula')).body.status === 'completed' ? true : undefined), 'Globex done');
    const [ended, started] = [new Date(Date.now() - 120 * DAY), new Date(Date.now() - 200 * DAY)];
    await accord.database.dataSource.query(`UPDATE projects SET finished_at = $2, started_at = $3 WHERE id = $1`, [ids.globex, ended, started]);
    await accord.database.dataSource.query(`UPDATE tasks SET closed_at = $2, created_at = $3 WHERE project_id = $1`, [ids.globex, ended, started]);
  }, 120_000);

  afterAll(async () => {
    await accord?.stop();
  });

  it('keeps the profile that admins and those who start the customer’s projects give, naming each wrong field', async () => {
    const put = await api('PUT', '/customers/acme/profile', 'paula', PROFILE);
    expect([put.status, put.body]).toEqual([200, { ...PROFILE, updatedBy: 'paula', updatedAt: expect.any(String) }]);
    expect((await api('GET', '/customers/acme/profile', 'quinn')).body).toMatchObject(PROFILE);

    const bad = await api('PUT', '/customers/acme/profile', 'paula', {
      size: 'huge',
      annualContractValue: -1,
      contacts: [{ name: 'Carla', email: 'not-an-address' }, { phone: 'call me' }],
      colour: 'red',
    });
    expect([bad.status, bad.body.code, paths(bad.body)]).toEqual([
      400,
      'VALIDATION_FAILED',
      ['annualContractValue', 'colour', 'contacts[0].email', 'contacts[1].name', 'contacts[1].phone', 'size'],
    ]);
    // QA reads the record but does not start projects; an auditor reads all and changes nothing; a customer reads no record at all.
    expect((await api('PUT', '/customers/acme/profile', 'quinn', PROFILE)).status).toBe(403);
    expect((await api('PUT', '/customers/acme/profile', 'auditor', PROFILE)).status).toBe(403);
    expect((await api('PUT', '/customers/acme/profile', 'carl', PROFILE)).status).toBe(404);
    expect((await api('PUT', '/customers/initech/profile', 'paula', PROFILE)).status).toBe(404);
    expect((await api('PUT', '/customers/Initech/profile', 'admin', PROFILE)).body.details).toEqual([expect.objectContaining({ path: 'key' })]);
    expect((await api('PUT', '/customers/globex/profile', 'admin', { industry: '=HYPERLINK("http://evil.example")', region: 'americas' })).status).toBe(200);
  });

  it('shows the record with its feedback, surveys and requirement history, and each analysis with what it was computed from', async () => {
    const complaint = await api('POST', `/projects/${ids.erp}/feedback`, 'carl', { channel: 'hotline', description: 'The reports come late', complaint: true });
    expect(complaint.status).toBe(202);
    // Of the kick-off's action items, only the company's own that fell due yesterday is owed to the customer and overdue.
    const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    const actionItems = [
      { item: 'Send the plan', owner: 'paula', due: yesterday },
      { item: 'Name the key users', owner: 'carl', due: yesterday },
      { item: 'Train the users', owner: 'paula', due: dateInDays(180) },
    ];
    expect((await accord.completeStep(tokens.paula, ids.erp, 'kickoff', { data: { minutes: 'Held', actionItems } })).status).toBe(200);
    expect((await api('POST', `/projects/${ids.crm}/feedback`, 'paula', { channel: 'email', description: 'Training went well' })).status).toBe(202);
    expect((await api('POST', `/projects/${ids.erp}/metric-readings`, 'paula', { survey: { overall: 3, deliverables: 3, service: 2 } })).status).toBe(202);
    expect(
      (
        await api('POST', `/projects/${ids.crm}/metric-readings`, 'paula', {
          progress: { rows: [{ phase: 'build', task: 'Interfaces', owner: 'paula', due: '2027-03-01', plannedPercent: 50, actualPercent: 20 }] },
        })
      ).status,
    ).toBe(202);
    // Arranged by SQL: a survey five months ago (readings are stamped when posted) and the review workflow's requirement version.
    await accord.database.dataSource.query(
      `INSERT INTO metric_readings (id, project_id, metric, value, at, source, detail) VALUES ('survey-in-july', $1, 'satisfaction', 4.5, now() - interval '150 days', 'survey', '{"overall":5,"deliverables":4,"service":4.5}')`,
      [ids.erp],
    );
    await accord.database.dataSource.query(
      `INSERT INTO customer_requirements (id, customer_key, project_id, version, specification, recorded_at, recorded_by) VALUES ('acme:1', 'acme', $1, 1, '{"scope":"ERP in both plants"}', now(), 'paula')`,
      [ids.erp],
    );

    const body = await eventually(async () => {
      const response = await record('acme');
      const breach = response.body.analyses?.churn.signals.find((candidate: ChurnSignal) => candidate.name === 'scheduleDeviations');
      const overdue = response.body.analyses?.churn.signals.find((candidate: ChurnSignal) => candidate.name === 'overdueActionItems');
      return response.body.feedback?.length === 2 && response.body.surveys?.length === 2 && breach?.from.length === 1 && overdue?.from.length === 1
        ? response.body
        : undefined;
    }, 'the complaint, the feedback, the survey, the breach and the overdue item in the record');

    expect(body).toMatchObject({ key: 'acme', name: 'ACME Manufacturing', profile: PROFILE, projectsNotVisible: 0 });
    // In the order they started; these two began within milliseconds, and a project's start is its workflow's first step, so either may be first.
    expect(body.projects.map((project: { id: string; status: string }) => [project.id, project.status]).sort()).toEqual(
      [
        [ids.crm, 'running'],
        [ids.erp, 'running'],
      ].sort(),
    );
    expect(body.requirements).toEqual([
      { id: 'acme:1', projectId: ids.erp, version: 1, specification: { scope: 'ERP in both plants' }, recordedAt: expect.any(String), recordedBy: 'paula' },
    ]);
    expect(
      body.feedback.map((item: { id: string; complaint: boolean; status: string; channel: string }) => [item.channel, item.complaint, item.status]),
    ).toEqual([
      ['hotline', true, 'open'],
      ['email', false, 'open'],
    ]);
    expect(body.feedback[0].id).toBe(complaint.body.id);
    expect(body.surveys).toEqual([
      expect.objectContaining({ id: 'survey-in-july', projectId: ids.erp, score: 4.5, overall: 5 }),
      expect.objectContaining({ projectId: ids.erp, overall: 3, deliverables: 3, service: 2, score: expect.closeTo(8 / 3, 5) }),
    ]);

    const { classification, value, churn } = body.analyses;
    expect(classification).toMatchObject({
      label: 'B/active',
      abc: 'B',
      basis: 'contract-value',
      figure: 50_000,
      thresholds: { a: 100_000, b: 20_000 },
      stage: 'active',
      stageFrom: { running: [ids.erp, ids.crm] },
    });
    expect(value).toMatchObject({
      contractValue: 50_000,
      outcomes: { running: [ids.erp, ids.crm], completed: [] },
      trends: { months: 6, satisfaction: { direction: 'falling', earlier: 4.5 } },
    });
    expect(value.trends.satisfaction.figures.map((figure: { id: string }) => figure.id)).toEqual(['survey-in-july', body.surveys[1].id]);
    expect(signal(body, 'fallingSatisfaction')).toMatchObject({ weight: 0.3, value: 1, from: [{ id: 'survey-in-july' }, { id: body.surveys[1].id }] });
    expect(signal(body, 'openComplaints')).toMatchObject({ weight: 0.2, value: 0.5, from: [{ id: complaint.body.id, projectId: ids.erp }] });
    expect(signal(body, 'scheduleDeviations')).toMatchObject({ weight: 0.2, from: [{ projectId: ids.crm }] });
    const items = (await api('GET', `/projects/${ids.erp}/action-items`, 'paula')).body.items as { id: string; item: string }[];
    expect(signal(body, 'overdueActionItems')).toMatchObject({
      weight: 0.15,
      value: 0.5,
      from: [{ id: items.find((item) => item.item === 'Send the plan')!.id, projectId: ids.erp }],
    });
    expect(churn.score).toBeCloseTo(0.3 * 1 + 0.2 * 0.5 + 0.2 / 3 + 0.15 * 0.5, 5);
    expect(churn).toMatchObject({ threshold: 0.5, warning: true });

    const globex = (await record('globex')).body;
    expect(globex.analyses.classification).toMatchObject({
      label: 'C/dormant',
      basis: 'project-count',
      figure: 1,
      stageFrom: { completed: [ids.globex], daysSinceLastEnd: 120 },
    });
    expect(signal(globex, 'silence')).toMatchObject({ measured: 120, value: 1, from: [{ id: 'last-activity', at: globex.projects[0].finishedAt }] });
  });

  it('classes and scores by the company’s settings, which admins change', async () => {
    const defaults = await api('GET', '/settings/customer-analytics', 'auditor');
    expect(defaults.body).toMatchObject({
      changed: false,
      settings: { classification: { valueThresholds: { a: 100_000, b: 20_000 } }, churn: { threshold: 0.5 } },
    });
    const settings = structuredClone(defaults.body.settings);
    settings.classification.valueThresholds = { a: 40_000, b: 10_000 };
    settings.churn.threshold = 0.6;
    settings.churn.signals.openComplaints.weight = 0;

    expect((await api('PUT', '/settings/customer-analytics', 'paula', settings)).status).toBe(403);
    expect((await api('GET', '/settings/customer-analytics', 'paula')).status).toBe(403);
    const contradicting = await api('PUT', '/settings/customer-analytics', 'admin', {
      ...settings,
      classification: { ...settings.classification, valueThresholds: { a: 1, b: 2 } },
    });
    expect([contradicting.status, paths(contradicting.body)]).toEqual([400, ['classification.valueThresholds.a']]);
    const malformed = await api('PUT', '/settings/customer-analytics', 'admin', {
      ...settings,
      trend: { months: 0, flatTolerance: 2 },
      churn: { ...settings.churn, signals: { ...settings.churn.signals, silence: { weight: -1 } } },
    });
    expect([malformed.status, paths(malformed.body)]).toEqual([
      400,
      ['churn.signals.silence.fullAt', 'churn.signals.silence.weight', 'trend.flatTolerance', 'trend.months'],
    ]);

    expect((await api('PUT', '/settings/customer-analytics', 'admin', settings)).body).toMatchObject({ changed: true, updatedBy: 'ada' });
    const after = (await record('acme')).body.analyses;
    expect(after.classification).toMatchObject({ abc: 'A', thresholds: { a: 40_000, b: 10_000 } });
    expect(after.churn).toMatchObject({ threshold: 0.6, warning: false });
    expect(after.churn.score).toBeCloseTo((0.3 * 1 + 0.2 / 3 + 0.15 * 0.5) / 0.8, 5);
    expect(signal({ analyses: after }, 'openComplaints')).toMatchObject({ weight: 0, value: 0.5, contribution: 0 });
  });

  it('lists the customers the caller may see, filtered, sorted and paged', async () => {
    expect(await listKeys('')).toEqual(['acme', 'globex', 'initech']);
    expect(await listKeys('', 'paula')).toEqual(['acme', 'globex']);
    expect(await listKeys('', 'pete')).toEqual(['initech']);
    expect(await listKeys('', 'carl')).toEqual([]);

    expect(await listKeys('?class=A')).toEqual(['acme']);
    expect(await listKeys('?churnWarning=true')).toEqual([]);
    expect(await listKeys('?churnWarning=false&class=A')).toEqual(['acme']);
    expect(await listKeys('?industry=Manufacturing&region=emea')).toEqual(['acme']);
    expect(await listKeys('?stage=dormant')).toEqual(['globex']);
    expect(await listKeys('?q=glo')).toEqual(['globex']);
    expect(await listKeys('?sort=value')).toEqual(['acme', 'globex', 'initech']);
    expect((await listKeys('?sort=churn'))[0]).toBe('acme');

    const first = await api('GET', '/customers?sort=name&limit=2', 'admin');
    expect([first.body.items.map((item: ListItem) => item.key), typeof first.body.nextCursor]).toEqual([['acme', 'globex'], 'string']);
    const second = await api('GET', `/customers?sort=name&limit=2&cursor=${first.body.nextCursor}`, 'admin');
    expect([second.body.items.map((item: ListItem) => item.key), second.body.nextCursor]).toEqual([['initech'], null]);
    const foreign = await api('GET', `/customers?sort=value&cursor=${first.body.nextCursor}`, 'admin');
    expect([foreign.status, paths(foreign.body)]).toEqual([400, ['cursor']]);
    const bad = await api('GET', '/customers?class=D&sort=size&limit=0', 'admin');
    expect([bad.status, paths(bad.body)]).toEqual([400, ['class', 'limit', 'sort']]);
  });

  it('shows a record only to those who may read one of the customer’s projects in an internal role', async () => {
    expect((await record('acme', 'quinn')).status).toBe(200);
    expect((await record('acme', 'auditor')).status).toBe(200);
    const customer = await record('acme', 'carl');
    expect([customer.status, customer.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await record('acme', 'pete')).status).toBe(404);
    expect((await record('initech', 'paula')).status).toBe(404);
    expect((await record('umbrella')).status).toBe(404);
  });

  it('exports the list as CSV in which no cell is a formula', async () => {
    const response = await fetch(`${accord.baseUrl}/customers?format=csv&sort=name`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('key,name,industry,region,contractValue,projects,classLabel,abc,basis,stage,churnScore,churnWarning');
    expect(lines.map((line) => line.split(',')[0])).toEqual(['key', 'acme', 'globex', 'initech']);
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(lines[1]).toMatch(/^acme,ACME Manufacturing,manufacturing,emea,50000,2,A\/active,A,contract-value,active,0\.\d+,false$/);
  });
});
