import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefinitionRegistryService } from '../../apps/api/src/definitions/definition-registry.service';
import { AccordHarness } from '../support/accord-harness';

const KEY = 'expectation-signoff';
const SHIPPED = fs.readFileSync(path.resolve(__dirname, '../../definitions/expectation-signoff.yaml'), 'utf8');
const V2 = SHIPPED.replace('due: P3D', 'due: P5D');

describe('the definition registry through the HTTP API', () => {
  let accord: AccordHarness;
  let admin: string;
  let auditor: string;
  let pm: string;

  beforeAll(async () => {
    accord = await AccordHarness.start();
    admin = accord.token('ada', ['admin']);
    auditor = accord.token('otto', ['auditor']);
    pm = accord.token('paula', ['pm']);
  });

  afterAll(async () => {
    await accord?.stop();
  });

  const saveDraft = (source: string, key = KEY) => accord.request('PUT', `/definitions/${key}/draft`, { token: admin, body: { source } });
  const publish = (key = KEY) => accord.request('POST', `/definitions/${key}/draft/publish`, { token: admin });

  it('answers 401 without a token and 403 to roles that are neither admin nor auditor', async () => {
    expect((await accord.request('GET', '/definitions')).status).toBe(401);
    expect((await accord.request('GET', '/definitions', { token: pm })).status).toBe(403);
  });

  it('lets auditors read but not change', async () => {
    const list = await accord.request('GET', '/definitions', { token: auditor });
    expect(list.status).toBe(200);
    expect(list.body.map((entry: { key: string }) => entry.key)).toEqual(['customer-expectation', 'customer-review', KEY]);
    expect(list.body).toContainEqual(expect.objectContaining({ key: KEY, current: 1, hasDraft: false }));
    expect((await accord.request('PUT', `/definitions/${KEY}/draft`, { token: auditor, body: { source: V2 } })).status).toBe(403);
  });

  it('validates any source without storing it, giving each error its line and column', async () => {
    const response = await accord.request('POST', '/definitions/validate', {
      token: admin,
      body: { source: SHIPPED.replace('assignee: { role: pm }', 'assignee: { role: qa }') },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      valid: false,
      errors: [expect.objectContaining({ code: 'UNKNOWN_ROLE', path: 'stages[0].steps[0].assignee.role', line: 28, column: 27 })],
    });
    expect((await accord.request('GET', `/definitions/${KEY}/draft`, { token: admin })).status).toBe(404);
  });

  it('keeps an invalid draft but refuses to publish it (422 with lines)', async () => {
    const saved = await saveDraft(SHIPPED.replace('due: P3D', 'due: soon'));
    expect(saved.status).toBe(200);
    expect(saved.body.errors).toEqual([expect.objectContaining({ code: 'BAD_DURATION', path: 'stages[0].steps[0].due' })]);
    const refused = await publish();
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'DEFINITION_INVALID', details: [{ path: 'stages[0].steps[0].due', line: 30, column: 14 }] });
  });

  it('refuses a draft whose key differs from the path', async () => {
    const response = await saveDraft(SHIPPED, 'another-key');
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('DEFINITION_KEY_MISMATCH');
  });

  it('publishes a draft as version 2, diffs it against version 1, and keeps version 1 as it was', async () => {
    expect((await saveDraft(V2)).body.errors).toEqual([]);
    const published = await publish();
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ key: KEY, version: 2, status: 'published', publishedBy: 'ada' });
    expect((await accord.request('GET', `/definitions/${KEY}/draft`, { token: admin })).status).toBe(404);

    const versions = await accord.request('GET', `/definitions/${KEY}/versions`, { token: auditor });
    expect(versions.body.map((version: { version: number }) => version.version)).toEqual([2, 1]);
    const v1 = await accord.request('GET', `/definitions/${KEY}/versions/1`, { token: auditor });
    expect(v1.body.source).toBe(SHIPPED);

    const diff = await accord.request('GET', `/definitions/${KEY}/diff?from=1&to=2`, { token: auditor });
    expect(diff.body.changes).toEqual([{ change: 'changed', path: 'stages.set.steps.record', description: 'step "set.record" changed: due: P3D → P5D' }]);
  });

  it('answers 409 to any change of a published version', async () => {
    const change = await accord.request('PUT', `/definitions/${KEY}/versions/1`, { token: admin, body: { source: V2 } });
    expect(change.status).toBe(409);
    expect(change.body.code).toBe('DEFINITION_VERSION_IMMUTABLE');
    expect((await accord.request('DELETE', `/definitions/${KEY}/versions/1`, { token: admin })).status).toBe(409);
  });

  it('answers 409 to publishing a draft identical to the latest version', async () => {
    await saveDraft(V2);
    const response = await publish();
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('DEFINITION_UNCHANGED');
    expect((await accord.request('DELETE', `/definitions/${KEY}/draft`, { token: admin })).status).toBe(204);
  });

  it('does not publish the shipped file again when the API restarts after an admin published a newer version', async () => {
    await accord.app.get(DefinitionRegistryService).onModuleInit();
    const versions = await accord.request('GET', `/definitions/${KEY}/versions`, { token: auditor });
    expect(versions.body.map((version: { version: number }) => version.version)).toEqual([2, 1]);
  });

  it('publishes a file through `npm run accord -- definitions publish`', async () => {
    const file = path.join(os.tmpdir(), `accord-publish-${process.pid}.yaml`);
    fs.writeFileSync(file, SHIPPED.replace('key: expectation-signoff', 'key: quick-signoff'));
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.resolve(__dirname, '../../scripts/accord.js'), 'definitions', 'publish', file, '--api', accord.baseUrl],
        { env: { ...process.env, ACCORD_TOKEN: admin } },
        (error, stdout) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout }),
      );
    });
    fs.rmSync(file);
    expect(result).toEqual({ code: 0, stdout: 'published quick-signoff v1\n' });
    const versions = await accord.request('GET', '/definitions/quick-signoff/versions', { token: auditor });
    expect(versions.body).toEqual([expect.objectContaining({ version: 1, publishedBy: 'ada', status: 'published' })]);
  });

  it('refuses to start a project on a definition using steps this engine cannot run yet, naming them', async () => {
    // The assessment report is the one service action still to come.
    const reporting = SHIPPED.replace('key: expectation-signoff', 'key: signoff-with-report').replace(
      '      - id: sign\n',
      '      - { id: report, type: service, action: assessment-report, with: {} }\n      - id: sign\n',
    );
    expect((await saveDraft(reporting, 'signoff-with-report')).status).toBe(200);
    expect((await publish('signoff-with-report')).status).toBe(201);
    const response = await accord.request('POST', '/projects', { token: pm, body: { definitionKey: 'signoff-with-report', name: 'Too early' } });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('DEFINITION_NOT_RUNNABLE');
    expect(response.body.details.map((detail: { message: string }) => detail.message)).toEqual(['service actions assessment-report cannot run yet']);
  });

  it('refuses variables the definition does not declare', async () => {
    const response = await accord.request('POST', '/projects', { token: pm, body: { definitionKey: KEY, name: 'Typo', variables: { phsae: 'early' } } });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ path: 'variables.phsae', message: 'is not a variable of this definition (it has none)' }]);
  });

  it('starts new projects on the latest version, and on none once every version is deprecated', async () => {
    const start = (body: Record<string, unknown>) => accord.request('POST', '/projects', { token: pm, body: { definitionKey: KEY, name: 'Pinned', ...body } });
    expect((await start({})).body.definition).toEqual({ key: KEY, version: 2 });
    expect((await start({ definitionVersion: 1 })).body.definition).toEqual({ key: KEY, version: 1 });

    const deprecated = await accord.request('POST', `/definitions/${KEY}/versions/2/deprecate`, { token: admin });
    expect(deprecated.body).toMatchObject({ status: 'deprecated', deprecatedBy: 'ada' });
    expect((await start({})).body.definition).toEqual({ key: KEY, version: 1 });
    const refused = await start({ definitionVersion: 2 });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DEFINITION_DEPRECATED');

    await accord.request('POST', `/definitions/${KEY}/versions/1/deprecate`, { token: admin });
    expect((await start({})).status).toBe(409);
  });
});
