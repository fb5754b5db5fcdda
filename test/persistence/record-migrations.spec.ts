import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { ActionItemEntity, ExpectationDocumentEntity, ExpectationEntity, MeetingEntity, migrate, MIGRATIONS, TaskEntity } from '@accord/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const PROJECT = 'ee000000-0000-4000-8000-000000000001';
const STAGE = `project/${PROJECT}/stage/handover/1`;
const KICKOFF = `${PROJECT}:handover:1:kickoff:1`;

/** A task row as the engine wrote it before meetings had records of their own. */
function taskRow(fields: Partial<TaskEntity> & Pick<TaskEntity, 'id' | 'workflowId' | 'stepId' | 'kind' | 'title' | 'status'>): Partial<TaskEntity> {
  return { projectId: PROJECT, stageId: 'handover', priority: 1, pausedMs: '0', outcomes: ['done'], createdAt: new Date('2026-11-02T01:00:00Z'), ...fields };
}

/** Undoes the migrations from the last back to `name`, so rows can be written as the schema before it had them; returns the names undone. */
async function undoDownTo(dataSource: DataSource, name: string): Promise<string[]> {
  const names = MIGRATIONS.map((migration) => migration.name);
  const undone = names.slice(names.indexOf(name));
  for (let left = undone.length; left > 0; left--) await dataSource.undoLastMigration();
  return undone;
}

/**
 * Inserts rows naming only the columns given: the entity is today's, and columns that later
 * migrations add do not exist yet in the schema the rows are written to.
 */
async function insertAsBefore<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, rows: Partial<T>[]): Promise<void> {
  const metadata = dataSource.getMetadata(entity);
  for (const row of rows) {
    const columns = Object.keys(row).map((property) => metadata.findColumnWithPropertyName(property)!);
    const values = columns.map((column) => {
      const value = row[column.propertyName as keyof T];
      return column.type === 'jsonb' && value !== null ? JSON.stringify(value) : value;
    });
    await dataSource.query(
      `INSERT INTO ${metadata.tableName} (${columns.map((column) => `"${column.databaseName}"`).join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`,
      values,
    );
  }
}

describe('migrations that give records of their own to what rows held as JSON (real PostgreSQL)', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await database?.drop();
  });

  it('carries the meetings and action items already in tasks over into their own records', async () => {
    const { dataSource } = database;
    const undone = await undoDownTo(dataSource, 'Meetings1765200000000');
    expect(await dataSource.query(`SELECT to_regclass('meetings') AS found`)).toEqual([{ found: null }]);
    await insertAsBefore(dataSource, TaskEntity, [
      taskRow({
        id: KICKOFF,
        workflowId: STAGE,
        stepId: 'kickoff',
        kind: 'meeting',
        title: 'Kick-off',
        candidateRole: 'pm',
        status: 'completed',
        closedAt: new Date('2026-11-02T03:00:00Z'),
        completedBy: 'paula',
        agenda: ['Goals'],
        completionData: {
          minutes: 'Kicked off',
          actionItems: [
            { item: 'Send the test plan', owner: 'tom', due: '2026-11-06' },
            { item: 'Book the visit', owner: 'sam', due: '2026-11-09' },
          ],
        },
      }),
      taskRow({
        id: `${PROJECT}:handover:1:kickoff-action-1:1`,
        workflowId: `${STAGE}/action/kickoff/1/1`,
        stepId: 'kickoff-action-1',
        kind: 'task',
        title: 'Action item: Send the test plan',
        assigneeUser: 'tom',
        status: 'completed',
        closedAt: new Date('2026-11-05T03:00:00Z'),
        completedBy: 'tom',
      }),
      taskRow({
        id: `${PROJECT}:handover:1:kickoff-action-2:1`,
        workflowId: `${STAGE}/action/kickoff/1/2`,
        stepId: 'kickoff-action-2',
        kind: 'task',
        title: 'Action item: Book the visit',
        assigneeUser: 'sam',
        status: 'open',
      }),
      taskRow({
        id: `${PROJECT}:track:1:weekly-sync-occurrence:4`,
        workflowId: `project/${PROJECT}/stage/track/1/cadence/weekly-sync`,
        stageId: 'track',
        stepId: 'weekly-sync-occurrence',
        kind: 'meeting',
        title: 'Weekly',
        candidateRole: 'pm',
        status: 'cancelled',
        createdAt: new Date('2026-11-20T01:00:00Z'),
        closedAt: new Date('2026-11-20T03:00:00Z'),
      }),
      // A meeting a cadence held: its action items' workflows run under the cadence's.
      taskRow({
        id: `${PROJECT}:track:1:weekly-sync-occurrence:3`,
        workflowId: `project/${PROJECT}/stage/track/1/cadence/weekly-sync`,
        stageId: 'track',
        stepId: 'weekly-sync-occurrence',
        kind: 'meeting',
        title: 'Weekly',
        candidateRole: 'pm',
        status: 'completed',
        createdAt: new Date('2026-11-13T01:00:00Z'),
        closedAt: new Date('2026-11-13T03:00:00Z'),
        completedBy: 'paula',
        completionData: { minutes: 'Week 3', actionItems: [{ item: 'Fix the report', owner: 'quinn', due: '2026-11-18' }] },
      }),
      taskRow({
        id: `${PROJECT}:track:1:weekly-sync-occurrence-action-1:3`,
        workflowId: `project/${PROJECT}/stage/track/1/cadence/weekly-sync/action/weekly-sync-occurrence/3/1`,
        stageId: 'track',
        stepId: 'weekly-sync-occurrence-action-1',
        kind: 'task',
        title: 'Action item: Fix the report',
        assigneeUser: 'quinn',
        status: 'open',
        createdAt: new Date('2026-11-13T03:00:00Z'),
        dueAt: new Date('2026-11-18T10:00:00Z'),
      }),
    ]);

    expect(await migrate(dataSource)).toEqual(undone);

    const meetings = await dataSource.getRepository(MeetingEntity).find({ order: { scheduledAt: 'ASC', id: 'ASC' } });
    expect(
      meetings.map((meeting) => [
        meeting.id,
        meeting.status,
        meeting.organizer,
        meeting.attendees,
        meeting.agenda,
        meeting.recordedBy,
        meeting.heldAt?.toISOString() ?? null,
      ]),
    ).toEqual([
      [KICKOFF, 'held', { role: 'pm' }, [], ['Goals'], 'paula', '2026-11-02T03:00:00.000Z'],
      [`${PROJECT}:track:1:weekly-sync-occurrence:3`, 'held', { role: 'pm' }, [], [], 'paula', '2026-11-13T03:00:00.000Z'],
      [`${PROJECT}:track:1:weekly-sync-occurrence:4`, 'cancelled', { role: 'pm' }, [], [], null, null],
    ]);
    const items = await dataSource.getRepository(ActionItemEntity).find({ order: { openedAt: 'ASC', index: 'ASC' } });
    expect(
      items.map((item) => [item.meetingId, item.index, item.item, item.owner, item.due, item.dueAt?.toISOString() ?? null, item.status, item.closedBy]),
    ).toEqual([
      [KICKOFF, 1, 'Send the test plan', 'tom', '2026-11-06', null, 'done', 'tom'],
      [KICKOFF, 2, 'Book the visit', 'sam', '2026-11-09', null, 'open', null],
      [`${PROJECT}:track:1:weekly-sync-occurrence:3`, 1, 'Fix the report', 'quinn', '2026-11-18', '2026-11-18T10:00:00.000Z', 'open', null],
    ]);
  });

  it('carries the expectations of every published document version over into rows', async () => {
    const { dataSource } = database;
    const undone = await undoDownTo(dataSource, 'Expectations1765300000000');
    const expectation = {
      title: 'Go live before the fair',
      category: 'objective',
      phase: 'presales',
      channel: 'business-meeting',
      recordedIn: 'presales-intake',
      recordedBy: 'sam',
    };
    await dataSource.getRepository(ExpectationDocumentEntity).save({
      projectId: PROJECT,
      version: 1,
      content: {
        customer: 'ACME',
        background: '',
        objectives: '',
        requirementPoints: [],
        keyDates: [],
        concerns: [],
        expectations: [
          { ...expectation, analysis: { maslow: 'safety', kano: 'basic', fishbone: [{ category: 'method', cause: 'Late plan' }] } },
          { ...expectation, title: 'Fixed price', channel: 'contract-negotiation', keyDate: '2027-03-01' },
        ],
      },
      changes: [],
      approvals: [],
      publishedAt: new Date('2026-11-03T00:00:00Z'),
      source: 'document-1',
    });

    expect(await migrate(dataSource)).toEqual(undone);

    const rows = await dataSource.getRepository(ExpectationEntity).find({ order: { position: 'ASC' } });
    expect(rows.map((row) => [row.version, row.position, row.title, row.channel, row.maslow, row.kano, row.fishbone, row.keyDate])).toEqual([
      [1, 1, 'Go live before the fair', 'business-meeting', 'safety', 'basic', [{ category: 'method', cause: 'Late plan' }], null],
      [1, 2, 'Fixed price', 'contract-negotiation', null, null, [], '2027-03-01'],
    ]);
  });
});
