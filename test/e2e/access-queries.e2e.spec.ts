import { DataSource } from 'typeorm';
import { AccordHarness, eventually } from '../support/accord-harness';
import { statementsOf } from '../support/statement-count';

const DEFINITION = `key: access-count
name: Projects whose access checks are counted
starters: [pm]
roles: { pm: {}, qa: {}, customer: { external: true } }
stages:
  - id: deliver
    steps:
      - { id: kickoff, type: meeting, title: Kick-off, organizer: { role: pm }, attendees: [ { role: pm }, { role: customer } ] }
      - { id: deliver, name: Deliver the release, type: task, assignee: { role: pm } }
`;

/**
 * Issue 17 point 2: what an access check and a roll-up cost in statements. The checks a
 * request makes of one project, and the roll-ups over a team's or a customer's projects,
 * cost the same whatever the number of projects.
 */
describe('the statements an access check and a roll-up cost (dev server, HTTP)', () => {
  let accord: AccordHarness;
  let dataSource: DataSource;
  const tokens: Record<string, string> = {};
  const ids: string[] = [];
  const api = (method: string, url: string, who: string) => accord.request(method, url, { token: tokens[who] });
  const cost = async (method: string, url: string, who: string) => {
    // Once to warm what is cached, then counted (the API's pool only: the worker has its own).
    expect((await api(method, url, who)).status).toBe(200);
    const statements = await statementsOf(dataSource, async () => expect((await api(method, url, who)).status).toBe(200));
    process.stdout.write(`${method} ${url} as ${who}: ${statements.length} statements\n${statements.map((statement) => `  ${statement}`).join('\n')}\n`);
    return statements.length;
  };

  beforeAll(async () => {
    accord = await AccordHarness.start();
    dataSource = accord.app.get(DataSource);
    tokens.paula = accord.token('paula', ['pm']);
    tokens.quinn = accord.token('quinn', ['qa']);
    tokens.admin = accord.token('ada', ['admin']);
    await accord.publish('access-count', DEFINITION);
    for (const [index, team] of ['solo', 'many', 'many', 'many', 'many'].entries()) {
      const customer = team === 'solo' ? { key: 'lone', name: 'Lone Ltd' } : { key: 'big', name: 'Big plc' };
      const body = { definitionKey: 'access-count', name: `Project ${index}`, team, customer, members: [{ user: 'quinn', role: 'qa' }] };
      const started = await accord.request('POST', '/projects', { token: tokens.paula, body });
      expect(started.status).toBe(201);
      ids.push(started.body.id as string);
    }
    await eventually(
      async () => ((await api('GET', '/projects?limit=50', 'paula')).body.total === ids.length ? true : undefined),
      'every project in the read model',
    );
  }, 120_000);

  afterAll(async () => {
    await accord?.stop();
  });

  it('checks access to a project in the one statement that reads it', async () => {
    // The project with its open incidents and the caller's memberships; its definition comes from memory.
    expect(await cost('GET', `/projects/${ids[0]}`, 'paula')).toBe(1);
    // The check of an internal right, then the audit trail.
    expect(await cost('GET', `/projects/${ids[0]}/audit`, 'quinn')).toBe(2);
    // The check, the meetings and their action items: the memberships the check read decide which the caller sees.
    expect(await cost('GET', `/projects/${ids[0]}/meetings`, 'quinn')).toBe(3);
  });

  it('rolls up a team of one project and a team of four at the same cost', async () => {
    const solo = await cost('GET', '/teams/solo/kpi-report', 'quinn');
    const many = await cost('GET', '/teams/many/kpi-report', 'quinn');
    expect(many).toBe(solo);
  });

  it('rolls up a customer of one project and a customer of four at the same cost', async () => {
    const lone = await cost('GET', '/customers/lone', 'quinn');
    const big = await cost('GET', '/customers/big', 'quinn');
    expect(big).toBe(lone);
  });

  it('lists projects in one statement for the page and one for the total', async () => {
    expect(await cost('GET', '/projects?limit=50', 'quinn')).toBe(2);
  });
});
