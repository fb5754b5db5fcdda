import { AccordHarness, type ApiResponse, eventually } from '../support/accord-harness';

const DEFINITION = `key: crm-import
name: Work for imported customers
starters: [pm]
roles: { pm: {}, customer: { external: true } }
stages:
  - id: deliver
    steps:
      - { id: deliver, name: Deliver the release, type: task, assignee: { role: pm } }
`;

const HEADER = 'key,name,industry,size,region,annualContractValue,contactName,contactRole,contactEmail,contactPhone';
/** As a spreadsheet saves it: a byte order mark, CRLF, a quoted cell with a comma. */
const GOOD_FILE = [
  `\uFEFF${HEADER}`,
  'acme,ACME Manufacturing,manufacturing,large,emea,120000,Carla Jones,Head of IT,carla@acme.example,+49 30 1234567',
  'acme,ACME Manufacturing,manufacturing,large,emea,120000,"Smith, Bob",Buyer,bob@acme.example,',
  'initech,Initech,software,medium,americas,,,,,',
  '',
].join('\r\n');
const ACME_PROFILE = {
  industry: 'manufacturing',
  size: 'large',
  region: 'emea',
  annualContractValue: 120000,
  contacts: [
    { name: 'Carla Jones', role: 'Head of IT', email: 'carla@acme.example', phone: '+49 30 1234567' },
    { name: 'Smith, Bob', role: 'Buyer', email: 'bob@acme.example', phone: null },
  ],
};

/**
 * Issue 13: customers and their contacts imported from a CRM's CSV through the real HTTP API,
 * all or nothing, every problem named by line and column.
 */
describe('importing customers from CSV (dev server, HTTP)', () => {
  let accord: AccordHarness;
  const tokens: Record<string, string> = {};
  const api = (method: string, url: string, who: string, body?: unknown) => accord.request(method, url, { token: tokens[who], body });
  const importCsv = async (csv: string, who = 'admin', query = '', contentType = 'text/csv; charset=utf-8'): Promise<ApiResponse> => {
    const response = await fetch(`${accord.baseUrl}/customers/import${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': contentType },
      body: csv,
    });
    return { status: response.status, body: await response.json() };
  };
  const listKeys = async (who: string) => {
    const response = await api('GET', '/customers', who);
    expect(response.status).toBe(200);
    return (response.body.items as { key: string }[]).map((item) => item.key);
  };
  const contractValues = async (key: string) =>
    (
      (await accord.database.dataSource.query(`SELECT value FROM customer_contract_values WHERE customer_key = $1 ORDER BY id`, [key])) as {
        value: number | null;
      }[]
    ).map((row) => row.value);

  let crm: string;
  const importedEvents = async () =>
    (
      (await api('GET', `/webhooks/${crm}/deliveries`, 'admin')).body.items as {
        eventType: string;
        data: { customerKey: string; outcome: string; importedBy: string };
      }[]
    )
      .map(({ eventType, data }) => [eventType, data.customerKey, data.outcome, data.importedBy])
      .sort();

  beforeAll(async () => {
    accord = await AccordHarness.start();
    tokens.paula = accord.token('paula', ['pm']);
    tokens.admin = accord.token('ada', ['admin']);
    tokens.auditor = accord.token('aldo', ['auditor']);
    await accord.publish('crm-import', DEFINITION);
    // A CRM that follows imports: deliveries are queued whether or not its URL answers.
    const subscribed = await api('POST', '/webhooks', 'admin', { url: 'http://127.0.0.1:9/crm-hooks', events: ['customer.imported'] });
    expect(subscribed.status).toBe(201);
    crm = subscribed.body.id as string;
    // ACME is a customer already: a project was started for them.
    const started = await api('POST', '/projects', 'paula', {
      definitionKey: 'crm-import',
      name: 'ACME ERP roll-out',
      customer: { key: 'acme', name: 'ACME Manufacturing' },
      members: [],
    });
    expect(started.status).toBe(201);
    await eventually(async () => ((await api('GET', '/customers/acme', 'admin')).status === 200 ? true : undefined), 'ACME’s record');
  }, 120_000);

  afterAll(async () => {
    await accord?.stop();
  });

  it('lets only admins import, and only CSV of at most 2 MB', async () => {
    for (const who of ['paula', 'auditor']) {
      const refused = await importCsv(GOOD_FILE, who);
      expect([refused.status, refused.body]).toEqual([403, { code: 'FORBIDDEN', message: expect.any(String), details: [] }]);
    }
    const json = await fetch(`${accord.baseUrl}/customers/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ csv: GOOD_FILE }),
    });
    expect([json.status, ((await json.json()) as { code: string }).code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const large = await importCsv(`${HEADER}\n${'x'.repeat(2_100_000)}\n`);
    expect([large.status, large.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect((await api('GET', '/customers/initech', 'admin')).status).toBe(404);
  });

  it('imports a good file: each customer created or updated, their profile and contacts in the record', async () => {
    const imported = await importCsv(GOOD_FILE);
    expect([imported.status, imported.body]).toEqual([
      200,
      {
        dryRun: false,
        rows: 3,
        counts: { created: 1, updated: 1, unchanged: 0 },
        customers: [
          {
            key: 'acme',
            name: 'ACME Manufacturing',
            outcome: 'updated',
            changed: ['industry', 'size', 'region', 'annualContractValue', 'contacts'],
            contacts: 2,
            lines: [2, 3],
          },
          { key: 'initech', name: 'Initech', outcome: 'created', changed: ['name', 'industry', 'size', 'region'], contacts: 0, lines: [4] },
        ],
      },
    ]);
    const acme = await api('GET', '/customers/acme', 'admin');
    expect(acme.body).toMatchObject({ key: 'acme', name: 'ACME Manufacturing', profile: { ...ACME_PROFILE, updatedBy: 'ada' } });
    // As the profile PUT does, the contract value's change is kept for the value trend.
    expect(await contractValues('acme')).toEqual([120000]);
    expect((await api('GET', '/customers/initech', 'admin')).body.profile).toMatchObject({
      industry: 'software',
      size: 'medium',
      region: 'americas',
      annualContractValue: null,
      contacts: [],
    });
    // A CRM subscribed to imports hears of each customer created or changed.
    expect(await importedEvents()).toEqual([
      ['customer.imported', 'acme', 'updated', 'ada'],
      ['customer.imported', 'initech', 'created', 'ada'],
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = (await api('GET', '/customers/acme/profile', 'admin')).body;
    const again = await importCsv(GOOD_FILE);
    expect([
      again.status,
      again.body.counts,
      again.body.customers.map((customer: { outcome: string; changed: string[] }) => [customer.outcome, customer.changed]),
    ]).toEqual([
      200,
      { created: 0, updated: 0, unchanged: 2 },
      [
        ['unchanged', []],
        ['unchanged', []],
      ],
    ]);
    expect((await api('GET', '/customers/acme/profile', 'admin')).body).toEqual(before);
    expect(await contractValues('acme')).toEqual([120000]);
    expect(await importedEvents()).toHaveLength(2);
  });

  it('refuses a file with bad rows, naming each line and column, and imports none of it', async () => {
    const bad = [
      HEADER,
      'acme,ACME Manufacturing,manufacturing,large,emea,90000,Carla Jones,Head of IT,carla@acme,+49 30 1234567',
      'acme,ACME Corp,manufacturing,large,emea,90000,Bob,,,',
      'globex,Globex,,huge,,,,,,',
      'hooli,Hooli,,,,"1,000",,,,',
      '',
    ].join('\n');
    const refused = await importCsv(bad);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'CUSTOMER_IMPORT_INVALID', message: expect.stringContaining('Nothing was imported') });
    expect(refused.body.details).toEqual([
      { path: 'line 2, contactEmail', message: 'email must be an e-mail address' },
      { path: 'line 3, name', message: expect.stringContaining('differs from line 2') },
      { path: 'line 4, size', message: expect.stringContaining('size must be one of small, medium, large, enterprise') },
      { path: 'line 5, annualContractValue', message: expect.stringContaining('an amount such as 120000') },
    ]);
    // Line 2 alone was good for ACME: nothing of it was written either.
    expect((await api('GET', '/customers/acme/profile', 'admin')).body).toMatchObject(ACME_PROFILE);
    expect((await api('GET', '/customers/globex', 'admin')).status).toBe(404);

    const header = await importCsv('key,name,colour\nacme,ACME,red\n');
    expect([header.status, header.body.details.map((detail: { path: string }) => detail.path)]).toEqual([
      422,
      [
        'line 1, colour',
        'line 1, industry',
        'line 1, size',
        'line 1, region',
        'line 1, annualContractValue',
        'line 1, contactName',
        'line 1, contactRole',
        'line 1, contactEmail',
        'line 1, contactPhone',
      ],
    ]);
  });

  it('answers what an import would do on a dry run, and writes nothing', async () => {
    const changed = [
      HEADER,
      'acme,ACME Manufacturing,manufacturing,large,emea,150000,Carla Jones,Head of IT,carla@acme.example,+49 30 1234567',
      'hooli,Hooli,,,,,,,,',
      'initech,Initech,software,medium,americas,,,,,',
      '',
    ].join('\r\n');
    const dry = await importCsv(changed, 'admin', '?dryRun=true');
    expect([dry.status, dry.body.dryRun, dry.body.counts]).toEqual([200, true, { created: 1, updated: 1, unchanged: 1 }]);
    expect(dry.body.customers[0]).toMatchObject({ key: 'acme', outcome: 'updated', changed: ['annualContractValue', 'contacts'] });
    expect((await api('GET', '/customers/acme/profile', 'admin')).body).toMatchObject(ACME_PROFILE);
    expect((await api('GET', '/customers/hooli', 'admin')).status).toBe(404);
    expect(await contractValues('acme')).toEqual([120000]);
    expect((await importCsv(changed, 'admin', '?dryRun=maybe')).status).toBe(400);
  });

  it('keeps each contract value an import changes, as the profile PUT does', async () => {
    const raised = GOOD_FILE.replace(/,120000,/g, ',150000,');
    const imported = await importCsv(raised);
    expect(imported.body.customers[0]).toMatchObject({ key: 'acme', outcome: 'updated', changed: ['annualContractValue'] });
    expect(await contractValues('acme')).toEqual([120000, 150000]);
    expect((await api('GET', '/customers/acme', 'admin')).body.analyses.value.contractValue).toBe(150000);
  });

  it('shows a customer imported without a project to admins and auditors only', async () => {
    for (const who of ['admin', 'auditor']) {
      expect(await listKeys(who)).toEqual(['acme', 'initech']);
      const record = await api('GET', '/customers/initech', who);
      expect([record.status, record.body.since, record.body.projects, record.body.name]).toEqual([200, null, [], 'Initech']);
    }
    expect((await api('GET', '/customers/initech/profile', 'admin')).status).toBe(200);
    expect(await listKeys('paula')).toEqual(['acme']);
    expect((await api('GET', '/customers/initech', 'paula')).status).toBe(404);
    expect((await api('GET', '/customers/initech/profile', 'paula')).status).toBe(404);
  });

  it('starts a project for an imported customer, which then dates them from it and keeps their imported name', async () => {
    const started = await api('POST', '/projects', 'paula', {
      definitionKey: 'crm-import',
      name: 'Initech intranet',
      customer: { key: 'initech', name: 'Initech Corporation' },
      members: [],
    });
    expect(started.status).toBe(201);
    const record = await eventually(async () => {
      const response = await api('GET', '/customers/initech', 'paula');
      return response.status === 200 && response.body.since !== null ? response.body : undefined;
    }, 'Initech’s record with its first project');
    expect(record).toMatchObject({ key: 'initech', name: 'Initech', projects: [{ id: started.body.id }], profile: { industry: 'software' } });
    expect(await listKeys('paula')).toEqual(['acme', 'initech']);
  });
});
