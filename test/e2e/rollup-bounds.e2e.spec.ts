import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccordConfig } from '@accord/runtime';
import { createApiApp } from '../../apps/api/src/api-app.factory';
import { AccordHarness, type ApiResponse, eventually } from '../support/accord-harness';

const DEFINITION = `key: rollup-work
name: Work a team does for a customer
starters: [pm]
roles: { pm: {}, qa: {}, customer: { external: true } }
stages:
  - id: deliver
    steps:
      - { id: deliver, name: Deliver, type: task, assignee: { role: pm } }
    on:
      - { signal: feedback, start: answer }
  - id: answer
    trigger: on-demand
    steps:
      - { id: answer, name: Answer the customer, type: task, assignee: { role: pm } }
`;

interface Page {
  projects: { id: string }[];
  nextCursor: string | null;
  kpis: { projects: number; feedbackItems: number };
  projectsNotVisible: number;
}

/**
 * Issue 14 point 5: a team's KPI report and a customer record decide in one query which
 * projects the caller may read, page those projects while their totals cover them all, ask
 * the database as often for five projects as for two, and stop at a statement timeout.
 */
describe('the bounds of the roll-ups: team KPI report and customer record (dev server, HTTP)', () => {
  let accord: AccordHarness;
  const tokens: Record<string, string> = {};
  const get = <T = Page>(url: string, who: string) => accord.request<T>('GET', url, { token: tokens[who] });
  /** Paula's projects of the large team, for ACME, oldest first; Pete has one more there. */
  const paulas: string[] = [];
  let petes: string;

  const start = async (
    who: string,
    name: string,
    team: string,
    customer: string,
    members = [
      { user: 'quinn', role: 'qa' },
      { user: 'carl', role: 'customer' },
    ],
  ) => {
    const started = await accord.request('POST', '/projects', {
      token: tokens[who],
      body: { definitionKey: 'rollup-work', name, team, customer: { key: customer, name: customer.toUpperCase() }, members },
    });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    // Once its first task is open the project is in the read model, with its team.
    await accord.taskOf(tokens[who], id, 'deliver');
    return id;
  };

  beforeAll(async () => {
    accord = await AccordHarness.start();
    tokens.paula = accord.token('paula', ['pm']);
    tokens.pete = accord.token('pete', ['pm']);
    tokens.quinn = accord.token('quinn', ['qa']);
    tokens.carl = accord.token('carl', ['customer']);
    tokens.admin = accord.token('ada', ['admin']);
    await accord.publish('rollup-work', DEFINITION);
    for (const name of ['one', 'two']) await start('paula', `Small ${name}`, 'small', 'initech');
    for (const name of ['one', 'two', 'three', 'four', 'five']) paulas.push(await start('paula', `Large ${name}`, 'large', 'acme'));
    petes = await start('pete', 'Large, Pete’s', 'large', 'acme', [{ user: 'carl', role: 'customer' }]);
    // Feedback in two of Paula's projects: the totals must count it whichever page it is on.
    for (const id of [paulas[0], paulas[4]])
      expect((await accord.request('POST', `/projects/${id}/feedback`, { token: tokens.paula, body: { channel: 'email', description: 'Slow' } })).status).toBe(
        202,
      );
    await eventually(
      async () => ((await get('/teams/large/kpi-report', 'paula')).body.kpis?.feedbackItems === 2 ? true : undefined),
      'the feedback in the roll-up',
    );
  }, 120_000);

  afterAll(async () => {
    await accord?.stop();
  });

  /** Every page of a roll-up, following nextCursor. */
  const allPages = async (url: string, who: string) => {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const response: ApiResponse<Page> = await get(
        `${url}${url.includes('?') ? '&' : '?'}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        who,
      );
      expect(response.status).toBe(200);
      pages.push(response.body);
      cursor = response.body.nextCursor;
    } while (cursor && pages.length < 10);
    return pages;
  };

  it.each([
    ['the team report', '/teams/large/kpi-report'],
    ['the customer record', '/customers/acme'],
  ])('pages the projects of %s oldest first, with totals over all of them on every page', async (_what, url) => {
    const pages = await allPages(url, 'paula');
    expect(pages.map((page) => page.projects.map((project) => project.id))).toEqual([paulas.slice(0, 2), paulas.slice(2, 4), paulas.slice(4)]);
    expect(pages.map((page) => [page.kpis.projects, page.kpis.feedbackItems, page.projectsNotVisible])).toEqual([
      [5, 2, 1],
      [5, 2, 1],
      [5, 2, 1],
    ]);
    const bad = await get(`${url}?cursor=not-a-cursor&limit=0`, 'paula');
    expect([bad.status, bad.body]).toEqual([400, expect.objectContaining({ code: 'VALIDATION_FAILED' })]);
  });

  it('rolls up only the projects the caller may read in an internal role', async () => {
    const ids = async (url: string, who: string) => (await allPages(url, who)).flatMap((page) => page.projects.map((project) => project.id));
    expect(await ids('/teams/large/kpi-report', 'pete')).toEqual([petes]);
    expect((await get('/teams/large/kpi-report', 'pete')).body).toMatchObject({ kpis: { projects: 1, feedbackItems: 0 }, projectsNotVisible: 5 });
    expect(await ids('/teams/large/kpi-report', 'quinn')).toEqual(paulas);
    expect(await ids('/customers/acme', 'admin')).toEqual([...paulas, petes]);
    expect((await get('/customers/acme', 'admin')).body).toMatchObject({ kpis: { projects: 6 }, projectsNotVisible: 0 });
    // A customer contact is a member, in an external role: no roll-up for them.
    expect((await get('/teams/large/kpi-report', 'carl')).status).toBe(404);
    expect((await get('/customers/acme', 'carl')).status).toBe(404);
  });

  it('asks the database as often for a team or customer of five projects as for one of two', async () => {
    const dataSource = accord.app.get(DataSource);
    const queriesFor = async (url: string) => {
      const spy = jest.spyOn(dataSource.logger, 'logQuery');
      try {
        expect((await get(url, 'paula')).status).toBe(200);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const [smallTeam, largeTeam] = [await queriesFor('/teams/small/kpi-report'), await queriesFor('/teams/large/kpi-report')];
    expect(largeTeam).toBe(smallTeam);
    const [smallCustomer, largeCustomer] = [await queriesFor('/customers/initech'), await queriesFor('/customers/acme')];
    expect(largeCustomer).toBe(smallCustomer);
  });

  it('answers 503 ROLLUP_TIMEOUT when a query runs past ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS', async () => {
    // A second API process on the same database and secret, with a tiny timeout.
    const strict: INestApplication = await createApiApp(
      Object.assign(new AccordConfig(), accord.app.get(AccordConfig), { ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS: 100, LOG_LEVEL: 'error' }),
    );
    await strict.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(strict.getHttpServer().address() as AddressInfo).port}`;
    // A migration holding the KPI table: the roll-up waits on it, as on any query too slow.
    const blocker = accord.database.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    try {
      await blocker.query('LOCK TABLE kpi_reports IN ACCESS EXCLUSIVE MODE');
      for (const path of ['/teams/large/kpi-report', '/customers/acme']) {
        // Without a timeout the request would wait for the lock: the abort makes that a failure, not a hang.
        const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${tokens.paula}` }, signal: AbortSignal.timeout(10_000) });
        expect([path, response.status, ((await response.json()) as { code: string }).code]).toEqual([path, 503, 'ROLLUP_TIMEOUT']);
      }
    } finally {
      await blocker.rollbackTransaction();
      await blocker.release();
      await strict.close();
    }
    expect((await get('/teams/large/kpi-report', 'paula')).status).toBe(200);
  });
});
