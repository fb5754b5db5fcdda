import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ActionItemStatus = 'open' | 'done' | 'cancelled';

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

  /** YYYY-MM-DD: due at the end of that working day. */
  @Column('date')
  due!: string;

  @Column('text')
  status!: ActionItemStatus;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column('text', { name: 'closed_by', nullable: true })
  closedBy!: string | null;
}
