import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TimelineEntry } from '@accord/contracts';
import { nextMondayAt } from './support/dates';
import { shippedDefinition } from './support/shipped-script';

const root = path.resolve(__dirname, '..');
const DAY = 24 * 3_600_000;
const STAGES = ['requirement-analysis', 'solution-review', 'contract-review', 'progress-review', 'feedback-review'];

/**
 * Issue 13, first slice: six simulated months of the shipped customer-review definition with
 * its shipped actors script, through the admin's command, asserted by date.
 */
describe('npm run accord -- simulate definitions/customer-review.yaml --months 6 --json', () => {
  let timeline: Omit<TimelineEntry, 'subject'>[];
  let kpis: { complaints: number; deviationBreaches: number; customer?: Record<string, unknown> };
  let start: number;
  const dayOf = (at: string) => Math.floor((Date.parse(at) - start) / DAY);
  const lines = (kind: string, stage?: string) => timeline.filter((line) => line.kind === kind && (stage === undefined || line.stage === stage));
  const titled = (kind: string, title: string, stage?: string) => lines(kind, stage).filter((line) => line.detail.startsWith(`"${title}`));
  const days = (entries: { at: string }[]) => entries.map((line) => dayOf(line.at));

  beforeAll(async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      // Day counts across weekends hold only from a known point of the working week (the definition's calendar is Shanghai's).
      [
        path.join(root, 'scripts/accord.js'),
        'simulate',
        'definitions/customer-review.yaml',
        '--months',
        '6',
        '--json',
        '--start',
        nextMondayAt(9, shippedDefinition('customer-review').calendar).toISOString(),
      ],
      {
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
        timeout: 400_000,
      },
    );
    ({ timeline, kpis } = JSON.parse(stdout) as { timeline: TimelineEntry[]; kpis: typeof kpis });
    start = Date.parse(timeline[0].at);
  }, 420_000);

  it('starts and completes every stage in order, within the six months', () => {
    const sequence = (kind: string) => lines(kind).filter((line) => STAGES.includes(line.stage!));
    expect(sequence('stage-started').map((line) => line.stage)).toEqual(STAGES);
    expect(sequence('stage-completed').map((line) => [line.stage, line.detail])).toEqual(STAGES.map((stage) => [stage, `stage ${stage} completed`]));
    expect(days(sequence('stage-completed'))).toEqual([9, 17, 28, 70, 88]);
  });

  it('completes requirement analysis once the customer confirms the specification written from what was gathered', () => {
    const gathered = ['Interview the customer', 'Run the requirement questionnaire', 'competitor-analysis', 'market-research'].map((title) =>
      titled('task-completed', title, 'requirement-analysis'),
    );
    expect(gathered.map((completed) => completed.length)).toEqual([1, 1, 1, 1]);
    const [specification] = titled('task-completed', 'Write the requirement specification', 'requirement-analysis');
    const [confirmation] = titled('task-completed', 'Customer confirms the requirements', 'requirement-analysis');
    expect(confirmation.detail).toBe('"Customer confirms the requirements" approved by carl');
    expect(Math.max(...gathered.flatMap(days))).toBeLessThanOrEqual(dayOf(specification.at));
    expect(dayOf(confirmation.at)).toBe(9);
  });

  it('holds a review meeting with minutes in every review stage (R-REV-6), the requirement review with the customer first', () => {
    const titles = STAGES.map((stage) => [stage, [...new Set(lines('meeting', stage).map((line) => line.detail.replace(/^"([^"]+)".*$/, '$1')))]]);
    expect(titles).toEqual([
      ['requirement-analysis', ['Requirement review with the customer']],
      ['solution-review', ['Internal solution review']],
      ['contract-review', ['Contract negotiation']],
      ['progress-review', ['Progress review meeting']],
      ['feedback-review', ['Customer feedback review']],
    ]);
    const [review] = lines('meeting', 'requirement-analysis');
    expect([dayOf(review.at), review.detail]).toEqual([9, '"Requirement review with the customer" held, minutes by paula']);
  });

  it('rejects the solution once at the review board, then approves the reworked design after a second review meeting', () => {
    const decisions = titled('task-completed', 'Review board decision', 'solution-review').map((line) => line.detail.replace(/ \(\d of 3\)/, ''));
    expect(decisions).toEqual([
      '"Review board decision" reject by tom',
      '"Review board decision" reject by erik',
      '"Review board decision" approved by tom',
      '"Review board decision" approved by erik',
    ]);
    const meetings = titled('meeting', 'Internal solution review', 'solution-review');
    expect(meetings).toHaveLength(2);
    expect(titled('task-completed', 'technical-plan', 'solution-review')).toHaveLength(2);
    const [, secondMeeting] = meetings;
    const rejected = titled('task-completed', 'Review board decision', 'solution-review')[1];
    expect(Date.parse(secondMeeting.at)).toBeGreaterThan(Date.parse(rejected.at));
    expect(days(meetings)).toEqual([17, 17]);
  });

  it('negotiates the contract twice: the customer side refuses the first draft at signing', () => {
    const negotiations = titled('meeting', 'Contract negotiation', 'contract-review');
    expect(negotiations.length).toBeGreaterThanOrEqual(2);
    const signatures = titled('task-completed', 'Sign the contract', 'contract-review').map((line) => line.detail.replace(/ \(\d of 2\)/, ''));
    expect(signatures).toEqual([
      '"Sign the contract (company and customer)" reject by dora',
      '"Sign the contract (company and customer)" approved by dora',
      '"Sign the contract (company and customer)" approved by carl',
    ]);
    const refusal = titled('task-completed', 'Sign the contract', 'contract-review')[0];
    expect(Date.parse(negotiations[0].at)).toBeLessThan(Date.parse(refusal.at));
    expect(Date.parse(negotiations[1].at)).toBeGreaterThan(Date.parse(refusal.at));
    expect(days(negotiations)).toEqual([24, 28]);
  });

  it('reports progress weekly and meets fortnightly until delivery is confirmed', () => {
    const reports = days(titled('task-completed', 'Weekly progress report', 'progress-review'));
    expect(reports.length).toBeGreaterThanOrEqual(5);
    expect(reports.slice(1).map((day, index) => day - reports[index])).toEqual(reports.slice(1).map(() => 7));
    const meetings = days(titled('meeting', 'Progress review meeting', 'progress-review'));
    expect(meetings.length).toBeGreaterThanOrEqual(3);
    expect(meetings.slice(1).map((day, index) => day - meetings[index])).toEqual(meetings.slice(1).map(() => 14));
    const delivered = titled('task-completed', 'Confirm delivery is complete', 'progress-review');
    expect(delivered.map((line) => line.detail.replace(/ \(\d of 2\)/, ''))).toEqual([
      '"Confirm delivery is complete" approved by paula',
      '"Confirm delivery is complete" approved by carl',
    ]);
    expect(days(delivered)).toEqual([70, 70]);
  });

  it('takes the customer feedback to an improvement action done and closed', () => {
    const [survey] = lines('survey', 'feedback-review');
    expect([dayOf(survey.at), survey.detail]).toEqual([80, 'survey answered by carl: overall 4']);
    const [meeting] = titled('meeting', 'Customer feedback review', 'feedback-review');
    expect(meeting.detail).toBe('"Customer feedback review" held, minutes by quinn, 1 action item');
    const [action] = titled('task-completed', 'Action item: Train the night shift on the handhelds', 'feedback-review');
    const [closed] = titled('task-completed', 'Improvements closed', 'feedback-review');
    expect(closed.detail).toBe('"Improvements closed" approved by quinn');
    expect([dayOf(meeting.at), dayOf(action.at), dayOf(closed.at)]).toEqual([84, 84, 88]);
  });

  it('starts a schedule recovery for each progress reading behind plan, once per slip', () => {
    const breaches = lines('deviation-breach', 'progress-review');
    expect(breaches.map((line) => [dayOf(line.at), line.detail])).toEqual([
      [45, 'schedule_deviation at -30.0% (threshold ±10.0%): schedule-recovery started'],
      [59, 'schedule_deviation at -20.0% (threshold ±10.0%): schedule-recovery started'],
    ]);
    expect(days(lines('stage-completed', 'schedule-recovery'))).toEqual([45, 59]);
  });

  it('handles each complaint in a process-wide handler, whatever stage runs', () => {
    const complaints = lines('feedback', 'progress-review');
    expect(days(complaints)).toEqual([61, 63]);
    expect(lines('stage-started', 'complaint-handling')).toHaveLength(2);
    expect(titled('task-completed', 'Customer accepts the resolution', 'complaint-handling').map((line) => line.detail)).toEqual([
      '"Customer accepts the resolution" approved by carl',
      '"Customer accepts the resolution" approved by carl',
    ]);
  });

  it('warns of churn once, when the second open complaint crosses the threshold, and runs retention to closure', () => {
    const warnings = lines('churn-warning');
    expect(warnings.map((line) => [dayOf(line.at), line.stage, line.detail])).toEqual([
      [
        63,
        'progress-review',
        'churn warning for north-distribution: score 0.33 above 0.30 (2 complaint(s) not closed; 2 schedule deviation(s) in the last 180 days): retention started',
      ],
    ]);
    const [plan] = titled('task-completed', 'Retention: talk to the customer', 'retention');
    expect(plan.detail).toBe('"Retention: talk to the customer and agree what keeps them" completed by sam');
    const [closed] = titled('task-completed', 'Retention closed', 'retention');
    expect(closed.detail).toBe('"Retention closed" approved by dora');
    expect(days(lines('stage-started', 'retention'))).toEqual([63]);
    expect(days(lines('stage-completed', 'retention'))).toEqual([65]);
  });

  it('reports the customer’s class, value and churn score with the KPIs', () => {
    expect(kpis).toMatchObject({ complaints: 2, deviationBreaches: 2 });
    // By the end both complaints are resolved: the warning is off, the two slips still count.
    expect(kpis.customer).toMatchObject({
      customerKey: 'north-distribution',
      classLabel: 'A/active',
      contractValue: 180000,
      churnThreshold: 0.3,
      churnWarning: false,
      signals: [{ name: 'scheduleDeviations', explanation: '2 schedule deviation(s) in the last 180 days' }],
    });
    expect(kpis.customer!.churnScore).toBeCloseTo(0.1333, 3);
  });
});
