import { AccordHarness, eventually } from '../support/accord-harness';

// A definition with every entry point text reaches a workflow through: a form, an approval,
// events that start a sub-process, and the public feedback form.
const DEFINITION = `key: hostile-input
name: Text that PostgreSQL cannot store
starters: [pm]
roles: { pm: {}, customer: { external: true } }
forms:
  note: { type: object, required: [summary], properties: { summary: { type: string }, tags: { type: array, items: { type: string } } } }
stages:
  - id: deliver
    steps:
      - { id: record, name: Record the note, type: task, assignee: { role: pm }, form: note }
      - { id: sign, name: Sign the note, type: approval, policy: { kind: all, approvers: [ { role: pm }, { role: customer } ] } }
    on:
      - { signal: change-request, start: adjust }
      - { signal: feedback, start: adjust }
  - id: adjust
    trigger: on-demand
    steps:
      - { id: proposal, name: Write the change proposal, type: task, assignee: { role: pm } }
`;

const NUL = 'before\u0000after';
const LONE_SURROGATE = 'before\ud800after';

/**
 * R-REL-3, issue 11 point 3: bad text is refused at the edge with a 400 naming its path, and
 * nothing is half-written. Before, each of these made an activity fail on every retry and
 * left its project running for ever.
 */
describe('text PostgreSQL cannot store, and other hostile input, through the HTTP API', () => {
  let accord: AccordHarness;
  let pm: string;
  let customer: string;
  let projectId: string;
  let recordTask: string;
  let feedbackToken: string;

  beforeAll(async () => {
    accord = await AccordHarness.start();
    pm = accord.token('paula', ['pm']);
    customer = accord.token('carl', ['customer']);
    await accord.publish('hostile-input', DEFINITION);
    const started = await accord.request('POST', '/projects', {
      token: pm,
      body: { definitionKey: 'hostile-input', name: 'Clean project', members: [{ user: 'carl', role: 'customer' }] },
    });
    expect(started.status).toBe(201);
    projectId = started.body.id;
    recordTask = (await accord.taskOf(pm, projectId, 'record')).id;
    feedbackToken = (await accord.request('POST', `/projects/${projectId}/feedback-link`, { token: pm })).body.token;
  });

  afterAll(async () => {
    await accord?.stop();
  });

  const task = (suffix = '') => `/tasks/${encodeURIComponent(recordTask)}${suffix}`;

  // [what, method, path (a function: ids are known only once the project runs), body, headers, the path the 400 names]
  const entryPoints: [string, string, () => string, unknown, Record<string, string>, string][] = [
    ['a project name', 'POST', () => '/projects', { definitionKey: 'hostile-input', name: NUL }, {}, 'name'],
    ['a project variable', 'POST', () => '/projects', { definitionKey: 'hostile-input', name: 'ok', variables: { region: NUL } }, {}, 'variables.region'],
    ['a project variable name', 'POST', () => '/projects', { definitionKey: 'hostile-input', name: 'ok', variables: { [NUL]: 1 } }, {}, 'variables'],
    ['completion data', 'POST', () => task('/complete'), { data: { summary: NUL } }, {}, 'data.summary'],
    ['completion data in a list', 'POST', () => task('/complete'), { data: { summary: 'ok', tags: ['fine', LONE_SURROGATE] } }, {}, 'data.tags[1]'],
    ['a completion comment', 'POST', () => task('/complete'), { data: { summary: 'ok' }, comment: LONE_SURROGATE }, {}, 'comment'],
    ['a request id in the body', 'POST', () => task('/claim'), { requestId: NUL }, {}, 'requestId'],
    ['a task comment', 'POST', () => task('/comment'), { text: NUL }, {}, 'text'],
    ['a delegate', 'POST', () => task('/delegate'), { to: NUL }, {}, 'to'],
    ['event data', 'POST', () => `/projects/${projectId}/events`, { signal: 'change-request', data: { summary: NUL } }, {}, 'data.summary'],
    ['a change request', 'POST', () => `/projects/${projectId}/change-requests`, { trigger: 'scope', reason: NUL, changedItems: ['a'] }, {}, 'reason'],
    ['feedback', 'POST', () => `/projects/${projectId}/feedback`, { channel: 'email', description: NUL }, {}, 'description'],
    ['a member', 'POST', () => `/projects/${projectId}/members`, { add: [{ user: NUL, role: 'customer' }] }, {}, 'add[0].user'],
    ['a definition draft', 'PUT', () => '/definitions/hostile-input/draft', { source: `key: hostile-input\nname: ${NUL}` }, {}, 'source'],
    ['an Idempotency-Key with a control character', 'POST', () => task('/claim'), {}, { 'idempotency-key': 'key\tkey' }, 'Idempotency-Key'],
    ['an Idempotency-Key of 10 kB', 'POST', () => task('/claim'), {}, { 'idempotency-key': 'k'.repeat(10_000) }, 'Idempotency-Key'],
    ['an inbox search', 'GET', () => '/inbox?q=before%00after', undefined, {}, 'q'],
    ['a project id in the URL', 'GET', () => '/projects/before%00after', undefined, {}, '(url)'],
    ['a task id in the URL', 'POST', () => '/tasks/t%00/complete', { data: {} }, {}, '(url)'],
  ];

  it.each(entryPoints)('refuses bad text in %s with a 400 naming its path', async (_what, method, path, body, headers, expected) => {
    const admin = accord.token('ada', ['admin', 'pm']);
    const response = await accord.request(method, path(), { token: path().startsWith('/definitions') ? admin : pm, body, headers });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(expected);
  });

  it('refuses NUL on the public feedback form, which needs no account', async () => {
    const response = await accord.request('POST', `/public/feedback/${feedbackToken}`, { body: { description: NUL } });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ path: 'description', message: expect.stringContaining('NUL') }]);
  });

  it('answers a body over 100 kB with 413, an unknown charset with 415, and JSON nested 40,000 deep with 400', async () => {
    const post = (body: string, contentType = 'application/json') =>
      fetch(`${accord.baseUrl}${task('/complete')}`, { method: 'POST', headers: { authorization: `Bearer ${pm}`, 'content-type': contentType }, body });
    const large = await post(JSON.stringify({ data: { summary: 'x'.repeat(120_000) } }));
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const charset = await post(JSON.stringify({ data: { summary: 'ok' } }), 'application/json; charset=klingon');
    expect(charset.status).toBe(415);
    expect(await charset.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const deep = await post(`{"data":{"summary":${'['.repeat(40_000)}${']'.repeat(40_000)}}}`);
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { details: unknown[] }).details[0]).toMatchObject({
      path: expect.stringMatching(/^data\.summary(\[0\])+$/),
      message: expect.stringContaining('deeper'),
    });
  });

  it('refuses an impossible date and version numbers beyond what a column holds, naming the parameter', async () => {
    const admin = accord.token('ada', ['admin']);
    const cases: [string, string, string, unknown, string][] = [
      [pm, 'GET', '/inbox?dueBefore=2025-02-30T00:00:00Z', undefined, 'dueBefore'],
      [pm, 'GET', `/projects/${projectId}/expectations?version=9999999999`, undefined, 'version'],
      [pm, 'GET', `/projects/${projectId}/expectation-document/diff?from=1&to=4294967296`, undefined, 'to'],
      [pm, 'GET', `/projects/${projectId}/expectation-document/versions/99999999999`, undefined, 'version'],
      [admin, 'GET', '/definitions/hostile-input/diff?from=1&to=9999999999', undefined, 'to'],
      [admin, 'GET', '/definitions/hostile-input/versions/2147483648', undefined, 'version'],
      [admin, 'POST', `/projects/${projectId}/migrate`, { targetVersion: 2 ** 31, reason: 'too far' }, 'targetVersion'],
      [pm, 'POST', '/projects', { definitionKey: 'hostile-input', definitionVersion: 2 ** 40, name: 'ok' }, 'definitionVersion'],
    ];
    for (const [token, method, path, body, parameter] of cases) {
      const response = await accord.request(method, path, { token, body });
      expect({ path, status: response.status, paths: response.body.details?.map((detail: { path: string }) => detail.path) }).toEqual({
        path,
        status: 400,
        paths: [parameter],
      });
    }
  });

  it('wrote nothing for any refused request: the project runs on and completes with clean text', async () => {
    const projects = await accord.database.dataSource.query(`SELECT name FROM projects`);
    expect(projects).toEqual([{ name: 'Clean project' }]);
    const audit = await accord.request('GET', `/projects/${projectId}/audit`, { token: pm });
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).not.toContain('task.commented');
    expect((await accord.request('GET', `/projects/${projectId}/feedback`, { token: pm })).body.items).toEqual([]);

    const completed = await accord.request('POST', task('/complete'), { token: pm, body: { data: { summary: 'Clean text, emoji 🎉 and 中文 are fine' } } });
    expect(completed.status).toBe(200);
    await accord.completeStep(pm, projectId, 'sign', { outcome: 'approve' });
    await accord.completeStep(customer, projectId, 'sign', { outcome: 'approve' });
    const project = await eventually(async () => {
      const response = await accord.request('GET', `/projects/${projectId}`, { token: pm });
      return response.body.status === 'completed' ? response.body : undefined;
    }, 'the project to complete');
    expect(project.status).toBe('completed');
  });
});
