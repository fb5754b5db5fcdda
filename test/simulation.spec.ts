import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ProjectKpis, TimelineEntry } from '@accord/contracts';
import { addDuration, confirmationTime } from '@accord/domain';
import { projectDayDate } from '@accord/simulation';
import { nextMondayAt } from './support/dates';
import { shippedDefinition } from './support/shipped-script';

const root = path.resolve(__dirname, '..');
const DAY = 24 * 3_600_000;
const MINUTE = 60_000;

/**
 * The proof of issue 6, part one: six simulated months of the shipped customer-expectation
 * definition with its shipped actors script, through the admin's command, asserted by date.
 */
describe('npm run accord -- simulate definitions/customer-expectation.yaml --months 6 --json', () => {
  let timeline: Omit<TimelineEntry, 'subject'>[];
  let kpis: ProjectKpis;
  let start: number;
  let startAt: Date;
  const { calendar } = shippedDefinition('customer-expectation');
  const dayOf = (at: string) => Math.floor((Date.parse(at) - start) / DAY);
  const lines = (kind: string, stage?: string) => timeline.filter((line) => line.kind === kind && (stage === undefined || line.stage === stage));

  beforeAll(async () => {
    // Day counts across weekends hold only from a known point of the working week.
    startAt = nextMondayAt(9, calendar);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'scripts/accord.js'), 'simulate', 'definitions/customer-expectation.yaml', '--months', '6', '--json', '--start', startAt.toISOString()],
      {
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
        timeout: 400_000,
      },
    );
    ({ timeline, kpis } = JSON.parse(stdout) as { timeline: TimelineEntry[]; kpis: ProjectKpis });
    start = Date.parse(timeline[0].at);
  }, 420_000);

  it('prints a dated timeline of the kinds the issue names, from identify to assess, from the start it was given', () => {
    expect(Object.keys(timeline[0]).sort()).toEqual(['at', 'detail', 'kind', 'stage']);
    expect(start - startAt.getTime()).toBeGreaterThanOrEqual(0);
    expect(start - startAt.getTime()).toBeLessThan(MINUTE);
    expect(lines('stage-started').map((line) => line.stage)).toEqual([
      'identify',
      'guide',
      'set',
      'handover',
      'track',
      'deviation-analysis',
      'adjust',
      'feedback',
      'assess',
    ]);
    expect(lines('stage-completed').at(-1)).toMatchObject({ stage: 'assess' });
    expect(dayOf(lines('stage-completed').at(-1)!.at)).toBeLessThan(183);
  });

  it('reminds, reassigns and escalates the pre-sales intake left for a week, on working days', () => {
    const opened = Date.parse(timeline.find((line) => line.kind === 'task-opened' && line.detail.startsWith('"Record what the customer expects'))!.at);
    const ladder = timeline.filter((line) => (line.kind === 'reminder' || line.kind === 'escalation') && line.stage === 'identify');
    expect(ladder.map((line) => line.detail)).toEqual([
      'reminder: "Record what the customer expects (pre-sales)" is overdue',
      '"Record what the customer expects (pre-sales)" reassigned to olga',
      '"Record what the customer expects (pre-sales)" not done in time: escalated to role dept_head',
    ]);
    const due = [2, 4, 5].map((workdays) => addDuration(new Date(opened), { workdays }, calendar).getTime());
    ladder.forEach((line, index) => expect(Math.abs(Date.parse(line.at) - due[index])).toBeLessThan(MINUTE));
  });

  it('meets the customer at least twice a week in the early phase, then weekly in implementation', () => {
    const trackStart = Date.parse(lines('stage-started', 'track')[0].at);
    const trackEnd = Date.parse(lines('stage-completed', 'track')[0].at);
    const implementation = addDuration(new Date(trackStart), { workdays: 20 }, calendar).getTime();
    const held = (title: string) =>
      lines('meeting', 'track')
        .filter((line) => line.detail.startsWith(`"${title}`))
        .map((line) => Date.parse(line.at));
    const early = held('Early-phase communication meeting');
    const weekly = held('Weekly progress meeting');
    const perWeek = (from: number, to: number, meetings: number[]) => {
      const weeks: number[] = [];
      for (let week = from; week + 7 * DAY <= to; week += 7 * DAY) weeks.push(meetings.filter((at) => at >= week && at < week + 7 * DAY).length);
      return weeks;
    };
    const earlyWeeks = perWeek(trackStart, implementation, early);
    expect(earlyWeeks.length).toBeGreaterThanOrEqual(3);
    expect(earlyWeeks.every((count) => count >= 2)).toBe(true);
    expect(early.every((at) => at < implementation)).toBe(true);
    const implementationWeeks = perWeek(implementation, trackEnd, weekly);
    expect(implementationWeeks.length).toBeGreaterThanOrEqual(15);
    expect(new Set(implementationWeeks)).toEqual(new Set([1]));
    expect(weekly.every((at) => at >= implementation)).toBe(true);
  });

  it('confirms each deadline of the baseline in force with the customer three working days before it, the one baseline v2 added included', () => {
    const opened = timeline.filter((line) => line.kind === 'task-opened' && line.detail.startsWith('"Pre-milestone confirmation'));
    const deadlines = opened.map((line) => /deadline (\d{4}-\d{2}-\d{2})/.exec(line.detail)![1]);
    // The script's goals fall due on days 84 and 144, and baseline v2 adds one on day 129.
    expect(deadlines).toEqual([84, 129, 144].map((day) => projectDayDate(startAt, day, calendar.timezone)));
    opened.forEach((line, index) => expect(Math.abs(Date.parse(line.at) - confirmationTime(deadlines[index], 3, calendar).getTime())).toBeLessThan(MINUTE));
    expect(lines('milestone-confirmation').map((line) => line.detail)).toEqual(
      deadlines.map((deadline) => `"Pre-milestone confirmation: deadline ${deadline}" held with the customer, minutes by paula`),
    );
    // Day 129's is the warehouse goal of baseline v2: the track stage learnt of it from the change's sub-process.
    expect(Date.parse(lines('baseline-published')[1].at)).toBeLessThan(Date.parse(opened[1].at));
  });

  it('reads the first progress table as 20% behind plan the next day and starts the deviation analysis, re-opened until its corrective actions work', () => {
    const firstTable = lines('task-completed', 'track').find((line) => line.detail.startsWith('"Update the progress table"'))!;
    const [breach] = lines('deviation-breach');
    expect(lines('deviation-breach')).toHaveLength(1);
    expect(breach.detail).toBe('schedule_deviation at -20.0% (threshold ±10.0%): deviation-analysis started');
    expect(dayOf(breach.at) - dayOf(firstTable.at)).toBeLessThanOrEqual(1);
    const actions = lines('corrective-action', 'deviation-analysis');
    // The first follow-up finds the actions ineffective: the analysis re-opens on a new plan and is checked again.
    expect(actions.map((line) => line.detail)).toEqual([
      'corrective actions planned by paula: Add a consultant (paula)',
      'follow-up by quinn: corrective actions not effective, re-planning',
      'follow-up by quinn: corrective actions effective',
    ]);
    expect(Date.parse(actions[0].at)).toBeGreaterThanOrEqual(Date.parse(breach.at));
  });

  it('takes the change request of day 21 to baseline v2 signed by both sides', () => {
    const [change] = lines('change-request');
    expect([dayOf(change.at), change.detail]).toEqual([21, 'change-request by carl: scope']);
    const baselines = lines('baseline-published');
    expect(baselines.map((line) => line.detail)).toEqual([
      'baseline v1 with 2 goals, signed by dora (dept_head) and carl (customer)',
      'baseline v2 with 3 goals, signed by dora (dept_head) and carl (customer)',
    ]);
    expect(dayOf(baselines[1].at)).toBeGreaterThanOrEqual(21);
  });

  it('follows the feedback of day 45 and the closing survey', () => {
    expect(lines('feedback').map((line) => [dayOf(line.at), line.detail])).toEqual([
      [45, 'feedback by carl: The weekly report arrives after our steering meeting'],
      [45, 'feedback routed by olga to sven'],
    ]);
    expect(lines('survey').map((line) => line.detail)).toEqual(['survey answered by carl: overall 4, deliverables 5, service 4']);
  });

  it('ends with the final KPIs', () => {
    expect(kpis).toMatchObject({
      satisfactionScore: 4.3333,
      goalsSet: 3,
      goalsMet: 2,
      goalsMetRatio: 0.6667,
      nonConformityRate: 0.025,
      feedbackItems: 1,
      complaints: 0,
      deviationBreaches: 1,
      changeRequests: 1,
    });
    expect(kpis.scheduleDeviation).toBeCloseTo(-0.0286, 4);
  });
});

describe('npm run accord -- simulate --start', () => {
  const simulate = (start: string) =>
    promisify(execFile)(process.execPath, [path.join(root, 'scripts/accord.js'), 'simulate', 'definitions/customer-expectation.yaml', '--start', start], {
      cwd: root,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );

  it('refuses a start without its offset, or one already past, before anything runs', async () => {
    expect(await simulate('2027-01-04T09:00')).toEqual({
      code: 2,
      stderr: 'accord: --start must be a date-time with its offset, such as 2027-01-04T09:00+08:00 (got 2027-01-04T09:00)\n',
    });
    expect(await simulate('2026-01-05T09:00+08:00')).toEqual({
      code: 2,
      stderr: "accord: --start must be still to come: a simulation's clock starts now and only moves forward (got 2026-01-05T09:00+08:00)\n",
    });
  });
});
