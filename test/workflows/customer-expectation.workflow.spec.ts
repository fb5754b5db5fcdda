import fs from 'node:fs';
import path from 'node:path';
import { isWorkingDay, localDate } from '@accord/domain';
import {
  BaselineEntity,
  DeviationAnalysisEntity,
  ExpectationDocumentEntity,
  KpiReportEntity,
  MetricReadingEntity,
  ProjectEventEntity,
} from '@accord/persistence';
import { type AutopilotRun, participantsFrom, projectDayDate, runWithParticipants } from '@accord/simulation';
import { TimeSkippingAccord } from '../support/time-skipping-accord';
import { nextMondayAt } from '../support/dates';
import { shippedDefinition, shippedScript } from '../support/shipped-script';

const definitions = path.resolve(__dirname, '../../definitions');
const DEFINITION = fs.readFileSync(path.join(definitions, 'customer-expectation.yaml'), 'utf8');
const DAY = 24 * 3_600_000;
const PROJECT = 'ce000000-0000-4000-8000-000000000001';
const CALENDAR = shippedDefinition('customer-expectation').calendar;

/**
 * The definition's shipped actors script, shortened to about two months: acceptance 35
 * days into tracking, and only the change request of day 21 as an event. Its project days
 * are counted from `start`.
 */
function shortScript(start: Date) {
  const script = shippedScript('customer-expectation', start);
  script.tasks.acceptance = { after: { stage: 'track', days: 35 } };
  script.events = script.events.filter((event) => event.signal === 'change-request');
  script.readings = [];
  return script;
}

describe('customer expectation management, identify to assess (time-skipping test server)', () => {
  let accord: TimeSkippingAccord;
  let run: AutopilotRun;
  let started: number;
  // Day counts across weekends hold only from a known point of the working week.
  const startAt = nextMondayAt(9, CALENDAR);

  beforeAll(async () => {
    accord = await TimeSkippingAccord.start();
    await accord.sleep(startAt.getTime() - (await accord.env.currentTimeMs()));
    const worker = await accord.worker('customer-expectation');
    run = await worker.runUntil(async () => {
      const script = shortScript(startAt);
      const members = Object.entries(script.people).map(([role, user]) => ({ user, role }));
      const handle = await accord.startProject(DEFINITION, { projectId: PROJECT, taskQueue: 'customer-expectation', members });
      return runWithParticipants(accord.services, handle, PROJECT, participantsFrom(script), { maxDays: 90, events: script.events });
    });
    started = (await accord.audit(PROJECT)).find((event) => event.action === 'project.started')!.at.getTime();
  }, 300_000);

  afterAll(async () => {
    await accord?.stop();
  });

  const dayOf = (at: Date) => Math.floor((at.getTime() - started) / DAY);
  const auditOf = async (action: string) => (await accord.audit(PROJECT)).filter((event) => event.action === action);

  it('runs every stage of the definition in order and completes', () => {
    expect(run.result).toEqual({
      status: 'completed',
      stages: ['identify', 'guide', 'set', 'handover', 'track', 'assess'].map((stageId) => ({ stageId, outcome: 'completed' })),
    });
  });

  it('reminds, reassigns and escalates the ignored pre-sales intake on working days', async () => {
    const intake = `${PROJECT}:identify:1:presales-intake:1`;
    const events = (await accord.audit(PROJECT)).filter(
      (event) => event.subject === intake && ['task.reminded', 'task.reassigned', 'task.escalated'].includes(event.action),
    );
    expect(events.map((event) => event.action)).toEqual(['task.reminded', 'task.reassigned', 'task.escalated']);
    // Reassigned to the project's pmo, not to the role's pool.
    expect(events[1].detail).toMatchObject({ to: { user: 'olga' } });
    // 2, 4 and 5 working days: a weekend always falls inside the 5.
    const days = events.map((event) => dayOf(event.at));
    expect(days[0]).toBeGreaterThanOrEqual(2);
    expect(days[2]).toBe(7);
  });

  it('publishes the expectation document with every channel’s expectations and their analysis, approved by PM and tech lead', async () => {
    const documents = await accord.database.dataSource.getRepository(ExpectationDocumentEntity).find({ where: { projectId: PROJECT } });
    expect(documents).toHaveLength(1);
    const [document] = documents;
    expect(document.version).toBe(1);
    expect(document.content.expectations.map((expectation) => [expectation.title, expectation.channel, expectation.analysis?.kano])).toEqual([
      ['Go live before the trade fair', 'business-meeting', 'basic'],
      ['Month-end close in one day', 'business-meeting', 'performance'],
      ['Mobile approvals like competitors', 'market-research', 'excitement'],
      ['Fixed price', 'contract-negotiation', undefined],
    ]);
    expect(document.content.concerns).toEqual(['Penalty clauses for late delivery']);
    expect(document.approvals.map((signature) => [signature.approver, signature.by])).toEqual([
      ['role:pm', 'paula'],
      ['role:tech_lead', 'tom'],
    ]);
  });

  it('asks for explicit approval of a commitment beyond recorded capability', async () => {
    const decided = (await auditOf('approval.decided')).filter((event) => (event.detail as { step: string }).step === 'approve-commitment');
    expect(decided.map((event) => event.actor)).toEqual(['tom', 'dora']);
  });

  it('refuses goals that are not SMART before anyone signs them, naming each field', () => {
    expect(run.refused.map((refusal) => refusal.stepId)).toEqual(['draft-goals']);
    const { code, details, message } = run.refused[0];
    expect(code).toBe('TASK_INVALID_DATA');
    expect(message).toMatch(/^TASK_INVALID_DATA: .*; data\.goals\[0\]\.unit: must give the unit of the target/);
    expect(details).toEqual([
      { path: 'data.goals[0].unit', message: 'must give the unit of the target' },
      { path: 'data.goals[0].expectations[0]', message: '"Free hardware" is not a recorded expectation' },
    ]);
  });

  it('fixes the goals as baseline v1 signed by both sides, and the change request as baseline v2 signed by both', async () => {
    const baselines = await accord.database.dataSource.getRepository(BaselineEntity).find({ where: { projectId: PROJECT }, order: { version: 'ASC' } });
    expect(
      baselines.map((baseline) => [
        baseline.version,
        baseline.goals.length,
        baseline.signatures.map((signature) => `${signature.approver}=${signature.by}`),
        baseline.changeProposal?.trigger ?? null,
      ]),
    ).toEqual([
      [1, 2, ['role:dept_head=dora', 'role:customer=carl'], null],
      [2, 3, ['role:dept_head=dora', 'role:customer=carl'], 'scope'],
    ]);
    expect(dayOf(baselines[1].publishedAt)).toBeGreaterThanOrEqual(21);
    const changes = await accord.database.dataSource.getRepository(ProjectEventEntity).find({ where: { projectId: PROJECT, name: 'change-request' } });
    expect(changes.map((change) => [change.startedStage, change.outcome, dayOf(change.raisedAt)])).toEqual([['adjust', 'completed', 21]]);
  });

  it('reads the schedule deviation from each progress table and starts one deviation analysis for the breach', async () => {
    const readings = await accord.database.dataSource
      .getRepository(MetricReadingEntity)
      .find({ where: { projectId: PROJECT, metric: 'schedule_deviation' }, order: { at: 'ASC' } });
    expect(readings.map((reading) => Math.round(reading.value * 1000) / 1000)).toEqual([-0.2, -0.167, -0.029]);
    const breaches = await accord.database.dataSource.getRepository(ProjectEventEntity).find({ where: { projectId: PROJECT, kind: 'metric-breach' } });
    // The second reading is still beyond 10%, but the analysis of the first is under way: one breach, one analysis.
    expect(breaches.map((breach) => [breach.name, breach.startedStage, breach.outcome, dayOf(breach.raisedAt), breach.data.value])).toEqual([
      ['schedule_deviation', 'deviation-analysis', 'completed', dayOf(readings[0].at), readings[0].value],
    ]);
    const analysis = (await accord.audit(PROJECT)).filter((event) => event.subject?.includes(':deviation-analysis:1:'));
    expect(analysis.some((event) => event.action === 'task.completed' && (event.detail as { step: string }).step === 'lessons')).toBe(true);
  });

  it('keeps the deviation analysis as a record: causes by category, actions, each follow-up check, the re-plan and the lessons', async () => {
    const [breach] = await accord.database.dataSource.getRepository(ProjectEventEntity).find({ where: { projectId: PROJECT, kind: 'metric-breach' } });
    const records = await accord.database.dataSource.getRepository(DeviationAnalysisEntity).find({ where: { projectId: PROJECT } });
    expect(records.map((record) => record.workflowId)).toEqual([breach.startedWorkflowId]);
    const [record] = records;
    expect(record).toMatchObject({
      status: 'closed',
      causes: { people: [], technology: [], resources: ['Key user on leave'], process: [], environment: [] },
      correctiveActions: [{ action: 'Add a consultant', owner: 'paula', due: projectDayDate(startAt, 39, CALENDAR.timezone) }],
      replans: 1,
      lessons: ['Plan around key-user leave'],
    });
    // The first check found the actions ineffective; after the re-plan, the second found them working.
    expect(record.followUps.map((check) => [check.effective, check.evidence, check.checkedBy])).toEqual([
      [false, 'Still 17% behind', 'quinn'],
      [true, 'Back within plan', 'quinn'],
    ]);
    expect(dayOf(new Date(record.followUps[1].at)) - dayOf(new Date(record.followUps[0].at))).toBeGreaterThanOrEqual(7);
    expect(record.closedAt).not.toBeNull();
  });

  it('holds the early-phase meeting every three days for four working weeks, then the weekly progress meeting', async () => {
    const opened = async (step: string) =>
      (await auditOf('task.opened')).filter((event) => (event.detail as { step: string }).step === step).map((event) => event.at);
    const cadenceStart = async (step: string) => (await auditOf('cadence.started')).find((event) => event.subject === step)!.at;
    const day = (at: Date) => localDate(at, CALENDAR.timezone);
    /**
     * The local days of a cadence's first `count` meetings: one every `days` from its start, one due on a weekend
     * or holiday held on the next working day, and held once when that is the day of the next one.
     */
    const meetingDays = (start: Date, days: number, count: number) => {
      const due = Array.from({ length: count + 3 }, (_, index) => {
        let at = start.getTime() + index * days * DAY;
        while (!isWorkingDay(new Date(at), CALENDAR)) at += DAY;
        return day(new Date(at));
      });
      return due.filter((date, index) => date !== due[index + 1]).slice(0, count);
    };
    const early = await opened('early-sync-occurrence');
    const weekly = await opened('weekly-sync-occurrence');
    expect(early.length).toBeGreaterThanOrEqual(9);
    expect(early.map(day)).toEqual(meetingDays(await cadenceStart('early-sync'), 3, early.length));
    expect(weekly.length).toBeGreaterThanOrEqual(1);
    expect(weekly[0].getTime()).toBeGreaterThan(early.at(-1)!.getTime());
    expect(weekly.map(day)).toEqual(meetingDays(await cadenceStart('weekly-sync'), 7, weekly.length));
    expect([...early, ...weekly].filter((at) => !isWorkingDay(at, CALENDAR)).map((at) => at.toISOString())).toEqual([]);
  });

  it('prefills meeting agendas from what is open: the deviation under analysis and the latest metrics', async () => {
    const meetings = await accord.tasks.find({ where: { projectId: PROJECT, stepId: 'early-sync-occurrence' }, order: { createdAt: 'ASC' } });
    const date = '\\d{4}-\\d{2}-\\d{2}';
    const agendas = meetings.map((meeting) => meeting.agenda!.map((point) => point.replace(new RegExp(date, 'g'), '<date>')));
    // Nothing is known at the first meeting; the breach is under analysis at the next; once closed, only the figures remain.
    expect(agendas[0]).toEqual([]);
    expect(agendas[1]).toEqual(['Deviation analysis under way: Schedule deviation -20.0% since <date>', 'Schedule deviation -20.0% (<date>)']);
    expect(agendas.at(-1)).toEqual(['Non-conformity rate 2.5% (<date>)', 'Schedule deviation -2.9% (<date>)']);
  });

  it('computes the KPIs and an incentive recommendation per internal team member at assessment', async () => {
    const report = await accord.database.dataSource.getRepository(KpiReportEntity).findOneByOrFail({ projectId: PROJECT });
    expect(report.kpis).toEqual({
      satisfactionScore: 4.3333,
      goalsSet: 3,
      goalsMet: 2,
      goalsMetRatio: 0.6667,
      scheduleDeviation: -0.0286,
      nonConformityRate: 0.025,
      feedbackItems: 0,
      complaints: 0,
      deviationBreaches: 1,
      changeRequests: 1,
    });
    expect(report.incentives!.map((incentive) => incentive.member).sort()).toEqual(['dora', 'olga', 'paula', 'quinn', 'sam', 'sven', 'tom']);
    expect(report.incentives!.find((incentive) => incentive.member === 'sam')).toMatchObject({ level: 'standard' });
  });
});
