import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Assignee, MeetingStatus } from '@accord/contracts';

/** A meeting a stage called (R-EXP-6, R-REV-6): who was invited, its agenda, and its minutes once held. */
@Entity({ name: 'meetings' })
export class MeetingEntity {
  /** The organizer's task for it. */
  @PrimaryColumn('text')
  id!: string;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  @Column('text', { name: 'stage_id' })
  stageId!: string;

  @Column('text', { name: 'step_id' })
  stepId!: string;

  @Column('text')
  title!: string;

  @Column('jsonb')
  organizer!: Assignee;

  /** Empty for meetings called before attendees were recorded (migration 1765200000000). */
  @Column('jsonb')
  attendees!: Assignee[];

  @Column('jsonb')
  agenda!: string[];

  @Column('text')
  status!: MeetingStatus;

  @Column('timestamptz', { name: 'scheduled_at' })
  scheduledAt!: Date;

  @Column('timestamptz', { name: 'held_at', nullable: true })
  heldAt!: Date | null;

  @Column('text', { name: 'recorded_by', nullable: true })
  recordedBy!: string | null;

  /** The minutes as recorded in the meeting's form, action items included. */
  @Column('jsonb', { nullable: true })
  minutes!: Record<string, unknown> | null;
}
