import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ActionItemStatus } from '@accord/contracts';

/** An action item of a meeting's minutes, followed to closure as its owner's task (R-EXP-6). */
@Entity({ name: 'action_items' })
export class ActionItemEntity {
  /** Its owner's task. */
  @PrimaryColumn('text')
  id!: string;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  @Column('text', { name: 'meeting_id' })
  meetingId!: string;

  /** Its place in the minutes, from 1. */
  @Column('int')
  index!: number;

  @Column('text')
  item!: string;

  @Column('text')
  owner!: string;

  /** YYYY-MM-DD, as the minutes give it. */
  @Column('text')
  due!: string;

  /** The end of that working day in the project's time zone: its task's due time. */
  @Column('timestamptz', { name: 'due_at', nullable: true })
  dueAt!: Date | null;

  @Column('text')
  status!: ActionItemStatus;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column('text', { name: 'closed_by', nullable: true })
  closedBy!: string | null;
}
