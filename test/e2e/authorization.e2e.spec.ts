import { randomUUID } from 'node:crypto';
import { AccordHarness, type ApiResponse, eventually } from '../support/accord-harness';
import { operationsOf } from '../support/openapi-operations';

/**
 * Issue 14 point 6: every operation of the API's OpenAPI document, asked by every kind of
 * caller. The promises it holds the API to (README, issue 14): anonymous callers get 401 but
 * on public endpoints; overseers (auditors, admins) read and never act on a project (403 on
 * every write but the administration that is theirs); what a caller may not see answers 404,
 * as what does not exist, so that a project's or task's existence does not leak.
 */

const DEFINITION = `key: authz-fixture
name: The authorization matrix's project
starters: [pm]
roles: { pm: {}, qa: { name: Quality reviewer }, customer: { external: true } }
forms:
  note: { type: object, required: [summary], properties: { summary: { type: string } } }
stages:
  - id: work
    steps:
      - { id: draft, name: Draft the plan, type: task, assignee: { role: pm }, form: note }
      - { id: sign, name: Sign the plan, type: approval, policy: { kind: all, approvers: [ { role: pm }, { role: customer } ] } }
    on:
      - { signal: change-request, start: adjust }
      - { signal: feedback, start: follow-up }
  - id: adjust
    trigger: on-demand
    steps:
      - { id: proposal, name: Write the change proposal, type: task, assignee: { role: pm } }
  - id: follow-up
    trigger: on-demand
    steps:
      - { id: answer, name: Answer the feedback, type: task, assignee: { role: pm } }
`;
/** A definition of its own for the draft and version operations, so that they change nothing the project runs on. */
const DRAFTED = (name: string) => `key: authz-drafts
name: ${name}
starters: [pm]
roles: { pm: {} }
stages:
  - id: only
    steps:
      - { id: do, name: Do it, type: task, assignee: { role: pm } }
`;

/**
 * Who asks. The order is the order each row asks them in: the callers to be refused first,
 * the ones allowed to act last (the pm last of all), so that a write an allowed caller makes
 * cannot turn a later refusal into something else.
 */
const CALLERS = ['anonymous', 'outsider', 'other customer', 'former member', 'auditor', 'auditor also pm', 'qa', 'customer', 'admin', 'pm'] as const;
type Caller = (typeof CALLERS)[number];
const IDENTITIES: Record<Exclude<Caller, 'anonymous'>, [string, string[]]> = {
  // The fixture project's members: pm starts projects and is offered the fixture task; qa is an internal role that may not decide it.
  pm: ['paula', ['pm']],
  qa: ['quinn', ['qa']],
  customer: ['carl', ['customer']],
  // Was the project's pm, removed through POST /projects/{id}/members; the token still says pm.
  'former member': ['fred', ['pm']],
  // A project role in the token, and no membership.
  outsider: ['pete', ['pm']],
  // The customer of another project.
  'other customer': ['cora', ['customer']],
  auditor: ['otto', ['auditor']],
  // An overseer whose token also names a project role: overseeing reads, and the role is no membership.
  'auditor also pm': ['olive', ['auditor', 'pm']],
  admin: ['ada', ['admin']],
};

/** A status, or a status and the error's code where the status alone would not tell a refusal from an answer past the check. */
type Answer = number | `${number} ${string}`;
type Statuses = Record<Caller, Answer>;
const every = (status: Answer): Statuses => Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Statuses;
const signedIn = (status: Answer): Statuses => ({ ...every(status), anonymous: 401 });
const OVERSEERS = { auditor: 200, 'auditor also pm': 200, admin: 200 };
/** The 404 of a project that does not exist, which is what anyone who may not see it gets. */
const HIDDEN_PROJECT = '404 PROJECT_NOT_FOUND';
const NOT_MEMBERS = { 'former member': HIDDEN_PROJECT, outsider: HIDDEN_PROJECT, 'other customer': HIDDEN_PROJECT } as const;
/** A public endpoint: the same answer whoever asks, a token or none. */
const PUBLIC = every;
/** Any signed-in caller, for what is theirs (their inbox, their session). */
const ANYONE = signedIn;
/** Members of the project (its customer included) and overseers read; to anyone else it does not exist. */
const MEMBERS_READ: Statuses = { ...signedIn(200), ...NOT_MEMBERS };
/** Members in an internal role and overseers read; the project's customer sees the project, not this. */
const TEAM_READ: Statuses = { ...MEMBERS_READ, customer: 403 };
/** What a reader gets past the check when the project has none of it yet: the 404 of the thing, not of the project (PROJECT_NOT_FOUND). */
const NOTHING_YET = (readers: Statuses): Statuses =>
  Object.fromEntries(CALLERS.map((caller) => [caller, readers[caller] === 200 ? '404 NOT_FOUND' : readers[caller]])) as Statuses;
/** The company's view across projects (a customer's record, a team's KPIs): internal members and overseers; to anyone else, as unknown. */
const UNKNOWN = '404 NOT_FOUND';
const UNSEEN_BY_NON_MEMBERS = { customer: UNKNOWN, 'former member': UNKNOWN, outsider: UNKNOWN, 'other customer': UNKNOWN } as const;
const COMPANY_VIEW_READ: Statuses = { ...MEMBERS_READ, ...UNSEEN_BY_NON_MEMBERS };
/** Company-wide administration that auditors read. */
const OVERSEERS_READ: Statuses = { ...signedIn(403), ...OVERSEERS };
/** Company-wide administration: admins only, `status` their answer. */
const ADMINS = (status: Answer): Statuses => ({ ...signedIn(403), admin: status });
/** A project's members act, its customer included (`status` their answer); overseers may not; non-members do not see the project. */
const MEMBERS_ACT = (status: Answer): Statuses => ({ ...signedIn(403), ...NOT_MEMBERS, pm: status, qa: status, customer: status });
/** The project's team administration: its members in a role that starts projects, and admins. */
const STARTERS_AND_ADMINS = (status: Answer): Statuses => ({ ...MEMBERS_ACT(403), pm: status, admin: status });
/** The fixture task, offered to pm: only a pm member sees it besides overseers, only a pm member acts on it. */
const HIDDEN_TASK = '404 TASK_NOT_FOUND';
const TASK_READ: Statuses = {
  ...MEMBERS_READ,
  'former member': HIDDEN_TASK,
  outsider: HIDDEN_TASK,
  'other customer': HIDDEN_TASK,
  qa: HIDDEN_TASK,
  customer: HIDDEN_TASK,
};
const TASK_ACT = (status: Answer): Statuses => ({ ...TASK_READ, auditor: 403, 'auditor also pm': 403, admin: 403, pm: status });

interface Fixtures {
  projectId: string;
  taskId: string;
  webhookId: string;
  customerAnalytics: unknown;
  /** What only the admin does, or a pm member, to arrange a row before each caller asks. */
  as: (caller: Caller, method: string, path: string, body?: unknown) => Promise<ApiResponse>;
}
interface Probe {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** A body that is not JSON, with its content type. */
  raw?: [contentType: string, text: string];
}
/** One row: the operation, how to ask it (built again before each caller), and what each caller gets. */
type Row = [operation: string, probe: (fixtures: Fixtures) => Probe | Promise<Probe>, statuses: Statuses];

const project = (f: Fixtures, rest = '') => ({ path: `/projects/${f.projectId}${rest}` });
const task = (f: Fixtures, rest = '', body?: unknown) => ({ path: `/tasks/${encodeURIComponent(f.taskId)}${rest}`, body });
const CSRF = { 'x-accord-request': '1' };

/**
 * The matrix: one row per operation of the OpenAPI document (`METHOD /path/{template}` as the
 * document writes it), run top to bottom; a new operation fails the first test until its row
 * is here, most often one of the presets above with the answer of the allowed callers. Rows
 * whose allowed callers change what later rows read come after those rows, or arrange their
 * own fixture before each caller asks. A status other than 2xx for an allowed caller (404 for
 * an id that names nothing, 409, 422, a 400 on a body kept invalid on purpose) is said in the
 * row's comment: it is an answer given past the authorization check.
 */
const MATRIX: Row[] = [
  ['GET /health', () => ({ path: '/health' }), PUBLIC(200)],
  ['GET /health/live', () => ({ path: '/health/live' }), PUBLIC(200)],
  ['GET /health/ready', () => ({ path: '/health/ready' }), PUBLIC(200)],
  ['GET /auth/session', () => ({ path: '/auth/session' }), ANYONE(200)],
  // Public, and off in the harness (no local sign-in is configured): the same 404 for everyone.
  ['GET /auth/local/people', () => ({ path: '/auth/local/people' }), PUBLIC(404)],
  ['GET /auth/providers', () => ({ path: '/auth/providers' }), PUBLIC(200)],
  // Public, and off in the harness (no identity provider is configured): the same 404 for everyone.
  ['GET /auth/oidc/sign-in', () => ({ path: '/auth/oidc/sign-in?returnTo=/app/' }), PUBLIC(404)],
  ['GET /auth/oidc/callback', () => ({ path: '/auth/oidc/callback?code=c&state=s' }), PUBLIC(404)],
  ['GET /inbox', (f) => ({ path: `/inbox?project=${f.projectId}` }), ANYONE(200)],
  ['GET /inbox/events', () => ({ path: '/inbox/events' }), ANYONE(200)],
  ['GET /inbox/counts', () => ({ path: '/inbox/counts' }), ANYONE(200)],
  ['GET /projects', () => ({ path: '/projects' }), ANYONE(200)],
  ['GET /projects/{id}', (f) => project(f), MEMBERS_READ],
  ['GET /projects/{id}/position', (f) => project(f, '/position'), MEMBERS_READ],
  ['GET /projects/{id}/members', (f) => project(f, '/members'), MEMBERS_READ],
  ['GET /projects/{id}/audit', (f) => project(f, '/audit'), TEAM_READ],
  // The fixture project has no progress table, expectation document, goals or baselines: readers get the 404 of what is missing.
  ['GET /projects/{id}/progress', (f) => project(f, '/progress'), NOTHING_YET(MEMBERS_READ)],
  ['GET /projects/{id}/metric-readings', (f) => project(f, '/metric-readings'), MEMBERS_READ],
  ['GET /projects/{id}/meetings', (f) => project(f, '/meetings'), MEMBERS_READ],
  ['GET /projects/{id}/change-requests', (f) => project(f, '/change-requests'), MEMBERS_READ],
  ['GET /projects/{id}/action-items', (f) => project(f, '/action-items'), MEMBERS_READ],
  ['GET /projects/{id}/deviation-analyses', (f) => project(f, '/deviation-analyses'), TEAM_READ],
  ['GET /projects/{id}/timeline', (f) => project(f, '/timeline'), TEAM_READ],
  ['GET /projects/{id}/kpi-report', (f) => project(f, '/kpi-report'), TEAM_READ],
  ['GET /projects/{id}/expectation-document', (f) => project(f, '/expectation-document'), NOTHING_YET(MEMBERS_READ)],
  ['GET /projects/{id}/expectations', (f) => project(f, '/expectations'), NOTHING_YET(MEMBERS_READ)],
  ['GET /projects/{id}/expectation-document/versions', (f) => project(f, '/expectation-document/versions'), MEMBERS_READ],
  ['GET /projects/{id}/expectation-document/versions/{version}', (f) => project(f, '/expectation-document/versions/1'), NOTHING_YET(MEMBERS_READ)],
  ['GET /projects/{id}/expectation-document/diff', (f) => project(f, '/expectation-document/diff?from=1&to=2'), NOTHING_YET(MEMBERS_READ)],
  ['GET /projects/{id}/goals', (f) => project(f, '/goals'), NOTHING_YET(MEMBERS_READ)],
  ['GET /projects/{id}/baselines', (f) => project(f, '/baselines'), MEMBERS_READ],
  ['GET /projects/{id}/baselines/{version}', (f) => project(f, '/baselines/1'), NOTHING_YET(MEMBERS_READ)],
  ['GET /projects/{id}/feedback', (f) => project(f, '/feedback'), MEMBERS_READ],
  ['GET /tasks/{id}', (f) => task(f), TASK_READ],
  ['GET /customers', () => ({ path: '/customers' }), ANYONE(200)],
  // A customer's record and a team's KPIs are the company's view of its projects: whoever sees none of them gets the 404 of an unknown key.
  ['GET /customers/{key}', () => ({ path: '/customers/acme' }), COMPANY_VIEW_READ],
  ['GET /customers/{key}/profile', () => ({ path: '/customers/acme/profile' }), COMPANY_VIEW_READ],
  ['GET /teams/{team}/kpi-report', () => ({ path: '/teams/authz-team/kpi-report' }), COMPANY_VIEW_READ],
  ['GET /definitions', () => ({ path: '/definitions' }), OVERSEERS_READ],
  ['GET /definitions/{key}/versions', () => ({ path: '/definitions/authz-fixture/versions' }), OVERSEERS_READ],
  ['GET /definitions/{key}/versions/{version}', () => ({ path: '/definitions/authz-fixture/versions/1' }), OVERSEERS_READ],
  ['GET /definitions/{key}/versions/{version}/step-counts', () => ({ path: '/definitions/authz-fixture/versions/1/step-counts' }), OVERSEERS_READ],
  ['GET /definitions/{key}/diff', () => ({ path: '/definitions/authz-drafts/diff?from=1&to=1' }), OVERSEERS_READ],
  ['GET /incidents', () => ({ path: '/incidents' }), OVERSEERS_READ],
  // No incident exists: overseers get past the check to the 404 of an unknown id.
  ['GET /incidents/{id}', () => ({ path: `/incidents/${randomUUID()}` }), { ...OVERSEERS_READ, auditor: 404, 'auditor also pm': 404, admin: 404 }],
  ['GET /notifications', () => ({ path: '/notifications' }), OVERSEERS_READ],
  ['GET /settings/links', () => ({ path: '/settings/links' }), OVERSEERS_READ],
  ['GET /settings/customer-analytics', () => ({ path: '/settings/customer-analytics' }), OVERSEERS_READ],
  ['GET /definitions/{key}/actors-script', () => ({ path: '/definitions/expectation-signoff/actors-script' }), ADMINS(200)],
  ['GET /simulations', () => ({ path: '/simulations' }), ADMINS(200)],
  // No simulation runs: the admin gets past the check to the 404 of an unknown id.
  ['GET /simulations/{id}', () => ({ path: `/simulations/${randomUUID()}` }), ADMINS(404)],
  ['GET /webhooks', () => ({ path: '/webhooks' }), ADMINS(200)],
  ['GET /webhooks/{id}', (f) => ({ path: `/webhooks/${f.webhookId}` }), ADMINS(200)],
  ['GET /webhooks/{id}/deliveries', (f) => ({ path: `/webhooks/${f.webhookId}/deliveries` }), ADMINS(200)],

  // Writes that change nothing later rows read, or change it in a way they expect.
  ['POST /auth/sign-out', () => ({ path: '/auth/sign-out', headers: CSRF }), PUBLIC(204)],
  ['POST /auth/local/session', () => ({ path: '/auth/local/session', headers: CSRF, body: { user: 'paula', roles: ['pm'] } }), PUBLIC(404)],
  // A fresh link before each caller, as the form's link is the only key it needs.
  [
    'POST /public/feedback/{token}',
    async (f) => ({
      path: `/public/feedback/${(await f.as('pm', 'POST', `/projects/${f.projectId}/feedback-link`)).body.token}`,
      body: { description: 'The report arrives late' },
    }),
    PUBLIC(202),
  ],
  // What the team administers, overseers read: auditors too.
  ['GET /projects/{id}/feedback-link', (f) => project(f, '/feedback-link'), { ...STARTERS_AND_ADMINS(200), ...OVERSEERS }],
  [
    'POST /projects',
    () => ({ path: '/projects', body: { definitionKey: 'authz-fixture', name: 'Another' } }),
    { ...signedIn(403), pm: 201, outsider: 201, 'former member': 201 },
  ],
  // The running stage handles no complaint: members get past the check to the 409.
  ['POST /projects/{id}/events', (f) => ({ ...project(f, '/events'), body: { signal: 'complaint' } }), MEMBERS_ACT(409)],
  [
    'POST /projects/{id}/feedback',
    (f) => ({ ...project(f, '/feedback'), body: { channel: 'hotline', description: 'The report arrives late' } }),
    MEMBERS_ACT(202),
  ],
  [
    'POST /projects/{id}/change-requests',
    (f) => ({ ...project(f, '/change-requests'), body: { trigger: 'scope', reason: 'Add the warehouse' } }),
    MEMBERS_ACT(202),
  ],
  [
    'POST /projects/{id}/metric-readings',
    (f) => ({ ...project(f, '/metric-readings'), body: { inspection: { inspected: 10, nonConforming: 1 } } }),
    MEMBERS_ACT(202),
  ],
  ['POST /projects/{id}/feedback-link', (f) => project(f, '/feedback-link'), STARTERS_AND_ADMINS(201)],
  ['POST /projects/{id}/members', (f) => ({ ...project(f, '/members'), body: { add: [{ user: 'nina', role: 'qa' }] } }), STARTERS_AND_ADMINS(200)],
  // Version 99 does not exist: the admin gets past the check to the 422.
  ['POST /projects/{id}/migrate', (f) => ({ ...project(f, '/migrate'), body: { targetVersion: 99, reason: 'Moving on' } }), ADMINS(422)],
  [
    'PUT /customers/{key}/profile',
    () => ({ path: '/customers/acme/profile', body: { industry: 'logistics' } }),
    { ...STARTERS_AND_ADMINS(200), ...UNSEEN_BY_NON_MEMBERS },
  ],
  // Nothing to import: the admin gets past the check to the 422 of an empty file.
  ['POST /customers/import', () => ({ path: '/customers/import?dryRun=true', raw: ['text/csv', 'nothing,useful\n'] }), ADMINS(422)],
  // The settings in force but for one out of range: the role is checked before the body, so only the admin gets to the 400 that names it.
  [
    'PUT /settings/customer-analytics',
    (f) => ({ path: '/settings/customer-analytics', body: { ...(f.customerAnalytics as object), trend: { months: 0, flatTolerance: 0.05 } } }),
    ADMINS('400 VALIDATION_FAILED'),
  ],
  ['POST /definitions/validate', () => ({ path: '/definitions/validate', body: { source: DRAFTED('Validated') } }), ADMINS(200)],
  ['PUT /definitions/{key}/draft', () => ({ path: '/definitions/authz-drafts/draft', body: { source: DRAFTED('Drafted') } }), ADMINS(200)],
  // A draft is an admin's work in progress: auditors read what is published.
  ['GET /definitions/{key}/draft', () => ({ path: '/definitions/authz-drafts/draft' }), ADMINS(200)],
  ['GET /definitions/{key}/draft/diff', () => ({ path: '/definitions/authz-drafts/draft/diff?from=1' }), ADMINS(200)],
  [
    'DELETE /definitions/{key}/draft',
    async (f) => (await f.as('admin', 'PUT', '/definitions/authz-drafts/draft', { source: DRAFTED('To delete') }), { path: '/definitions/authz-drafts/draft' }),
    ADMINS(204),
  ],
  [
    'POST /definitions/{key}/draft/publish',
    async (f) => (
      await f.as('admin', 'PUT', '/definitions/authz-drafts/draft', { source: DRAFTED(`Published ${randomUUID()}`) }),
      { path: '/definitions/authz-drafts/draft/publish' }
    ),
    ADMINS(201),
  ],
  // Published versions never change: the admin gets past the check to the 409.
  ['PUT /definitions/{key}/versions/{version}', () => ({ path: '/definitions/authz-drafts/versions/1', body: { source: DRAFTED('Changed') } }), ADMINS(409)],
  ['DELETE /definitions/{key}/versions/{version}', () => ({ path: '/definitions/authz-drafts/versions/1' }), ADMINS(409)],
  ['POST /definitions/{key}/versions/{version}/deprecate', () => ({ path: '/definitions/authz-drafts/versions/1/deprecate' }), ADMINS(200)],
  // No incident, notification or delivery exists: the admin gets past the check to the 404 of an unknown id.
  ['POST /incidents/{id}/retry', () => ({ path: `/incidents/${randomUUID()}/retry` }), ADMINS(404)],
  ['POST /incidents/{id}/skip', () => ({ path: `/incidents/${randomUUID()}/skip`, body: { reason: 'Not needed' } }), ADMINS(404)],
  ['POST /incidents/{id}/cancel', () => ({ path: `/incidents/${randomUUID()}/cancel`, body: { reason: 'Given up' } }), ADMINS(404)],
  ['POST /simulations/{id}/cancel', () => ({ path: `/simulations/${randomUUID()}/cancel` }), ADMINS(404)],
  // Simulating takes a worker's time: the admin's request is refused past the check, by the months' bound (400).
  ['POST /definitions/{key}/simulations', () => ({ path: '/definitions/authz-drafts/simulations', body: { months: 100 } }), ADMINS('400 VALIDATION_FAILED')],
  ['POST /notifications/{id}/retry', () => ({ path: `/notifications/${randomUUID()}/retry` }), ADMINS(404)],
  ['POST /webhooks/{id}/deliveries/{deliveryId}/redeliver', (f) => ({ path: `/webhooks/${f.webhookId}/deliveries/${randomUUID()}/redeliver` }), ADMINS(404)],
  ['POST /webhooks', () => ({ path: '/webhooks', body: { url: 'http://127.0.0.1:9/hooks' } }), ADMINS(201)],
  ['PATCH /webhooks/{id}', (f) => ({ path: `/webhooks/${f.webhookId}`, body: { description: 'Renamed' } }), ADMINS(200)],
  ['POST /webhooks/{id}/rotate-secret', (f) => ({ path: `/webhooks/${f.webhookId}/rotate-secret` }), ADMINS(200)],
  [
    'DELETE /webhooks/{id}',
    async (f) => ({ path: `/webhooks/${(await f.as('admin', 'POST', '/webhooks', { url: 'http://127.0.0.1:9/gone' })).body.id}` }),
    ADMINS(204),
  ],

  // The fixture task, in an order that leaves it open for the next row: claim, release, then the rest, completion last.
  ['POST /tasks/{id}/claim', (f) => task(f, '/claim'), TASK_ACT(200)],
  ['POST /tasks/{id}/release', (f) => task(f, '/release'), TASK_ACT(200)],
  // Nobody of that name is a member: the pm gets past the check to the 422 naming `to`.
  ['POST /tasks/{id}/delegate', (f) => task(f, '/delegate', { to: 'nobody' }), TASK_ACT(422)],
  ['POST /tasks/{id}/comment', (f) => task(f, '/comment', { text: 'Checking' }), TASK_ACT(200)],
  // The task is no approval the pm submitted: the workflow refuses them past the check (403).
  ['POST /tasks/{id}/withdraw', (f) => task(f, '/withdraw'), TASK_ACT('403 FORBIDDEN')],
  ['POST /tasks/{id}/complete', (f) => task(f, '/complete', { data: { summary: 'The plan' } }), TASK_ACT(200)],
];

/**
 * Where today's API answers otherwise than the matrix promises: each entry is the answer it
 * gives now, checked to be still exactly that, so that the fix of a gap fails the test until
 * its entry is taken out. Keep it short: an entry is a bug to fix, not an expectation.
 */
const KNOWN_GAPS: Record<string, Partial<Statuses>> = {};

/** Endpoints the API serves outside its OpenAPI document, asked too. */
const UNDOCUMENTED: Row[] = [
  ['GET /docs-json', () => ({ path: '/docs-json' }), PUBLIC(200)],
  ['GET /docs', () => ({ path: '/docs' }), PUBLIC(200)],
];

describe('authorization', () => {
  let accord: AccordHarness;

  beforeAll(async () => {
    accord = await AccordHarness.start();
  }, 60_000);

  afterAll(async () => {
    await accord?.stop();
  });

  describe('on every endpoint of the OpenAPI document, by kind of caller', () => {
    let fixtures: Fixtures;
    let documented: string[];
    const tokens = {} as Record<Caller, string | undefined>;

    const send = async (caller: Caller, method: string, probe: Probe): Promise<{ status: number; code?: string }> => {
      const headers: Record<string, string> = { ...probe.headers };
      const token = tokens[caller];
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (probe.raw) [headers['content-type'], body] = probe.raw;
      else if (probe.body !== undefined) [headers['content-type'], body] = ['application/json', JSON.stringify(probe.body)];
      const response = await fetch(`${accord.baseUrl}${probe.path}`, { method, headers, body });
      // A stream (the inbox's events) is closed unread: only its status counts.
      if (response.headers.get('content-type')?.includes('text/event-stream')) {
        await response.body?.cancel();
        return { status: response.status };
      }
      const text = await response.text();
      const code = response.headers.get('content-type')?.includes('json') && text ? (JSON.parse(text) as { code?: string }).code : undefined;
      return { status: response.status, code };
    };

    beforeAll(async () => {
      for (const [caller, [user, roles]] of Object.entries(IDENTITIES)) tokens[caller as Caller] = accord.token(user, roles);
      const as = (caller: Caller, method: string, path: string, body?: unknown) => accord.request(method, path, { token: tokens[caller], body });
      await accord.publish('authz-fixture', DEFINITION);
      await accord.publish('authz-drafts', DRAFTED('Drafts'));

      const members = [
        { user: 'quinn', role: 'qa' },
        { user: 'carl', role: 'customer' },
        { user: 'fred', role: 'pm' },
      ];
      const started = await as('pm', 'POST', '/projects', {
        definitionKey: 'authz-fixture',
        name: 'Scoped',
        team: 'authz-team',
        customer: { key: 'acme', name: 'Acme' },
        members,
      });
      const other = await as('pm', 'POST', '/projects', {
        definitionKey: 'authz-fixture',
        name: 'Elsewhere',
        customer: { key: 'globex', name: 'Globex' },
        members: [{ user: 'cora', role: 'customer' }],
      });
      expect([started.status, other.status]).toEqual([201, 201]);
      // The team given at start is recorded by the workflow after the 201: until then its members, the pm included, get 404.
      await eventually(
        async () => ((await as('former member', 'GET', `/projects/${started.body.id}`)).status === 200 ? true : undefined),
        'the team given at start',
      );
      const left = await as('pm', 'POST', `/projects/${started.body.id}/members`, { remove: [{ user: 'fred', role: 'pm' }] });
      expect([left.status, left.body]).toEqual([200, expect.not.arrayContaining([{ user: 'fred', role: 'pm' }])]);
      const webhook = await as('admin', 'POST', '/webhooks', { url: 'http://127.0.0.1:9/hooks' });
      const settings = await as('admin', 'GET', '/settings/customer-analytics');
      const { id: taskId } = await accord.taskOf(tokens.pm!, started.body.id, 'draft');
      fixtures = { projectId: started.body.id, taskId, webhookId: webhook.body.id, customerAnalytics: settings.body.settings, as };

      documented = operationsOf((await accord.request('GET', '/docs-json')).body).map((operation) => operation.key);
    }, 60_000);

    it('has a row for every operation of the OpenAPI document, and none for an operation it no longer has', () => {
      const rows = MATRIX.map(([operation]) => operation);
      expect({
        withoutRow: documented.filter((operation) => !rows.includes(operation)),
        rowWithoutOperation: rows.filter((operation) => !documented.includes(operation)),
      }).toEqual({ withoutRow: [], rowWithoutOperation: [] });
      expect(rows.filter((operation, index) => rows.indexOf(operation) !== index)).toEqual([]);
    });

    it('answers each caller on each operation as the matrix says, but for the known gaps, which still answer as recorded', async () => {
      const mismatches: string[] = [];
      const gapsSeen = new Set<string>();
      for (const [operation, probe, expected] of [...UNDOCUMENTED, ...MATRIX]) {
        const method = operation.split(' ')[0];
        for (const caller of CALLERS) {
          const { status, code } = await send(caller, method, await probe(fixtures));
          const gives = (answer: Answer) => answer === (typeof answer === 'number' ? status : `${status} ${code}`);
          const gap = `${caller} → ${operation}`;
          const recorded = KNOWN_GAPS[operation]?.[caller];
          if (recorded !== undefined) gapsSeen.add(gap);
          const actual = `${gap}: ${status}${code ? ` ${code}` : ''}`;
          if (recorded !== undefined && gives(expected[caller])) mismatches.push(`${actual}, as the matrix expects: take it out of KNOWN_GAPS`);
          else if (!gives(recorded ?? expected[caller]))
            mismatches.push(`${actual}, expected ${expected[caller]}${recorded === undefined ? '' : ` (known gap recorded as ${recorded})`}`);
        }
      }
      expect(mismatches).toEqual([]);
      const recordedGaps = Object.entries(KNOWN_GAPS).flatMap(([operation, callers]) => Object.keys(callers).map((caller) => `${caller} → ${operation}`));
      expect(recordedGaps.filter((gap) => !gapsSeen.has(gap))).toEqual([]);
    });
  });

  /** What the matrix cannot show by statuses alone: whom a task may go to, and what a member who leaves gives back. */
  describe('in a project whose team changes', () => {
    let projectId: string;
    let taskId: string;
    const tokens = {} as Record<'paula' | 'pete' | 'carl' | 'olive', string>;

    beforeAll(async () => {
      tokens.paula = accord.token('paula', ['pm']);
      tokens.pete = accord.token('pete', ['pm']);
      tokens.carl = accord.token('carl', ['customer']);
      tokens.olive = accord.token('olive', ['auditor', 'pm']);
      const started = await accord.request('POST', '/projects', {
        token: tokens.paula,
        body: { definitionKey: 'expectation-signoff', name: 'Scoped', members: [{ user: 'carl', role: 'customer' }] },
      });
      projectId = started.body.id;
      taskId = (await accord.taskOf(tokens.paula, projectId, 'record')).id;
    });

    const task = () => `/tasks/${encodeURIComponent(taskId)}`;

    it('lets no one decide a task who is not a member: an auditor whose token also says pm reads it, and cannot claim or complete it', async () => {
      expect((await accord.request('GET', task(), { token: tokens.olive })).status).toBe(200);
      for (const [path, body] of [
        [`${task()}/claim`, {}],
        [`${task()}/complete`, { data: {} }],
      ] as const) {
        const refused = await accord.request('POST', path, { token: tokens.olive, body });
        expect([refused.status, refused.body.code, refused.body.message]).toEqual([
          403,
          'FORBIDDEN',
          expect.stringContaining('overseers read, they do not act'),
        ]);
      }
    });

    it('delegates a task only to a member who may hold it', async () => {
      const toOutsider = await accord.request('POST', `${task()}/delegate`, { token: tokens.paula, body: { to: 'pete' } });
      expect([toOutsider.status, toOutsider.body.details]).toEqual([
        422,
        [{ path: 'to', message: 'pete is no member of this project: delegate to someone who may hold the task' }],
      ]);
      const toCustomer = await accord.request('POST', `${task()}/delegate`, { token: tokens.paula, body: { to: 'carl' } });
      expect([toCustomer.status, toCustomer.body.details]).toEqual([
        422,
        [{ path: 'to', message: 'carl takes part in this project only as customer: delegate to a colleague in one of its internal roles' }],
      ]);
      // Neither refusal left a trace on the task.
      const after = (await accord.request('GET', task(), { token: tokens.paula })).body;
      expect([after.claimedBy, after.history.map((entry: { action: string }) => entry.action)]).toEqual([null, expect.not.arrayContaining(['task.delegated'])]);
    });

    it("keeps other projects' tasks out of an outsider's inbox, and internal tasks out of the customer's", async () => {
      const ids = async (token: string) =>
        (await accord.request('GET', `/inbox?project=${projectId}`, { token })).body.items.map((item: { id: string }) => item.id);
      expect(await ids(tokens.paula)).toEqual([taskId]);
      expect(await ids(tokens.pete)).toEqual([]);
      expect(await ids(tokens.carl)).toEqual([]);
    });

    it('lets the team grow: a colleague added as pm sees the task', async () => {
      const team = await accord.request('POST', `/projects/${projectId}/members`, { token: tokens.paula, body: { add: [{ user: 'pete', role: 'pm' }] } });
      expect(team.body).toEqual(
        expect.arrayContaining([
          { user: 'pete', role: 'pm' },
          { user: 'paula', role: 'pm' },
          { user: 'carl', role: 'customer' },
        ]),
      );
      const inbox = await accord.request('GET', `/inbox?project=${projectId}`, { token: tokens.pete });
      expect(inbox.body.items.map((item: { id: string }) => item.id)).toEqual([taskId]);
      const bad = await accord.request('POST', `/projects/${projectId}/members`, { token: tokens.paula, body: { add: [{ user: 'x', role: 'janitor' }] } });
      expect(bad.status).toBe(400);
    });

    it('takes back what a member held when they leave: their claim, and the task delegated to them, each audited', async () => {
      const paula = tokens.paula;
      const mike = accord.token('mike', ['pm']);
      expect((await accord.request('POST', `/projects/${projectId}/members`, { token: paula, body: { add: [{ user: 'mike', role: 'pm' }] } })).status).toBe(
        200,
      );
      expect((await accord.request('POST', `${task()}/delegate`, { token: paula, body: { to: 'mike' } })).body).toMatchObject({ assignee: { user: 'mike' } });
      expect((await accord.request('POST', `${task()}/claim`, { token: mike })).body).toMatchObject({ claimedBy: 'mike' });

      const left = await accord.request('POST', `/projects/${projectId}/members`, { token: paula, body: { remove: [{ user: 'mike', role: 'pm' }] } });
      expect(left.body).not.toContainEqual({ user: 'mike', role: 'pm' });

      // Mike no longer sees the task, nor can he decide it; it is the role's again, for Paula to take.
      expect((await accord.request('GET', task(), { token: mike })).status).toBe(404);
      expect((await accord.request('POST', `${task()}/complete`, { token: mike, body: { data: {} } })).status).toBe(404);
      expect((await accord.request('GET', '/inbox', { token: mike })).body.items).toEqual([]);
      const back = (await accord.request('GET', task(), { token: paula })).body;
      expect(back.claimedBy).toBeNull();
      expect(back.history.at(-1)).toMatchObject({
        action: 'task.handed-back',
        actor: 'system',
        reason: 'mike left the project',
        detail: { from: { user: 'mike' }, to: { role: 'pm' }, claimedBy: 'mike' },
      });
      expect((await accord.request('POST', `${task()}/claim`, { token: paula })).body).toMatchObject({ claimedBy: 'paula' });
    });
  });
});
