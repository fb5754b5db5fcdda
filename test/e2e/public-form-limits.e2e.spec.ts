import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { AccordConfig } from '@accord/runtime';
import { createApiApp } from '../../apps/api/src/api-app.factory';
import { FeedbackRateLimiter } from '../../apps/api/src/feedback/feedback-rate-limiter';
import { AccordHarness } from '../support/accord-harness';

const DEFINITION = `key: form-limits
name: A project that takes feedback through its public form
starters: [pm]
roles: { pm: {}, customer: { external: true } }
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

const LIMIT = 2;
const HOUR = 3_600_000;

/**
 * Issue 14 point 5: the public form's limit is counted in PostgreSQL per form and client
 * address, after the token is looked up, and behind a configured proxy the client address is
 * the one it forwards. Two API processes on one database: the harness's, which trusts no
 * proxy, and a second one behind a proxy on loopback.
 */
describe('the public feedback form’s limits (dev server, two API processes, HTTP)', () => {
  let accord: AccordHarness;
  let proxied: INestApplication;
  let proxiedUrl: string;
  let pm: string;
  let projectId: string;

  beforeAll(async () => {
    accord = await AccordHarness.start({ ACCORD_FEEDBACK_LIMIT: String(LIMIT) });
    // A second API process on the same database, behind a proxy on this machine.
    proxied = await createApiApp(Object.assign(new AccordConfig(), accord.app.get(AccordConfig), { ACCORD_TRUSTED_PROXIES: 'loopback' }));
    await proxied.listen(0, '127.0.0.1');
    proxiedUrl = `http://127.0.0.1:${(proxied.getHttpServer().address() as AddressInfo).port}`;
    pm = accord.token('paula', ['pm']);
    await accord.publish('form-limits', DEFINITION);
    const started = await accord.request('POST', '/projects', { token: pm, body: { definitionKey: 'form-limits', name: 'ACME ERP roll-out' } });
    expect(started.status).toBe(201);
    projectId = started.body.id;
    // Once its first task is open the project is in the read model, with Paula on its team.
    await accord.taskOf(pm, projectId, 'deliver');
  });

  afterAll(async () => {
    await proxied?.close();
    await accord?.stop();
  });

  /** A new link for the project: the previous one stops working, and its counts with it. */
  const newLink = async () => {
    const link = await accord.request('POST', `/projects/${projectId}/feedback-link`, { token: pm });
    expect([link.status, link.body.code]).toEqual([201, undefined]);
    return link.body.token as string;
  };
  /** Posts the form to one API process, as the client `from` when it comes through the proxy. */
  const submit = async (baseUrl: string, token: string, from?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) };
    const response = await fetch(`${baseUrl}/public/feedback/${token}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ description: 'Login is slow in the mornings' }),
    });
    const body = (await response.json()) as { code?: string };
    return { status: response.status, code: body.code, retryAfter: response.headers.get('retry-after') };
  };

  it('lets a customer use the form while another address guesses tokens, and slows the guesser down', async () => {
    const token = await newLink();
    const guesses = [];
    for (let guess = 0; guess < LIMIT + 2; guess += 1) guesses.push(await submit(proxiedUrl, randomBytes(24).toString('base64url'), '198.51.100.66'));
    expect(guesses.map((guess) => guess.status)).toEqual([404, 404, 429, 429]);
    expect(Number(guesses[3].retryAfter)).toBeGreaterThan(0);
    // Over its limit, the guesser learns nothing from a right guess either.
    expect((await submit(proxiedUrl, token, '198.51.100.66')).status).toBe(429);
    // The customer, elsewhere behind the same proxy, is not affected; nor is the harness's process.
    expect((await submit(proxiedUrl, token, '203.0.113.10')).status).toBe(202);
    expect((await submit(accord.baseUrl, token)).status).toBe(202);
  });

  it('counts per client address behind the trusted proxy, answering 429 with Retry-After', async () => {
    const token = await newLink();
    expect((await submit(proxiedUrl, token, '203.0.113.1')).status).toBe(202);
    expect((await submit(proxiedUrl, token, '203.0.113.1')).status).toBe(202);
    const refused = await submit(proxiedUrl, token, '203.0.113.1');
    expect([refused.status, refused.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(HOUR / 1000);
    // A proxy appends the address it saw: what the client wrote before it is not believed.
    expect((await submit(proxiedUrl, token, '203.0.113.99, 203.0.113.1')).status).toBe(429);
    expect((await submit(proxiedUrl, token, '203.0.113.2')).status).toBe(202);
  });

  it('ignores X-Forwarded-For where no proxy is trusted', async () => {
    const token = await newLink();
    expect((await submit(accord.baseUrl, token, '203.0.113.21')).status).toBe(202);
    expect((await submit(accord.baseUrl, token, '203.0.113.22')).status).toBe(202);
    expect((await submit(accord.baseUrl, token, '203.0.113.23')).status).toBe(429);
  });

  it('shares the count between API processes on one database', async () => {
    const token = await newLink();
    expect((await submit(accord.baseUrl, token)).status).toBe(202);
    expect((await submit(proxiedUrl, token)).status).toBe(202);
    expect((await submit(accord.baseUrl, token)).status).toBe(429);
    expect((await submit(proxiedUrl, token)).status).toBe(429);
  });

  it('deletes windows that have ended, so the table holds only those of the last hour', async () => {
    let now = new Date('2027-01-04T09:00:00Z');
    const sut = new FeedbackRateLimiter(accord.database.dataSource.manager, LIMIT, HOUR, () => now);
    await sut.take('sweep-test', ['203.0.113.50']);
    await sut.take('sweep-test', ['203.0.113.51']);
    const count = async () => Number((await accord.database.dataSource.query(`SELECT count(*) AS n FROM rate_limits WHERE bucket LIKE 'sweep-test:%'`))[0].n);
    expect(await count()).toBe(2);
    now = new Date(now.getTime() + HOUR);
    await sut.take('sweep-test', ['203.0.113.52']);
    expect(await count()).toBe(1);
  });
});
