import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AuditAction } from '@accord/contracts';

/** Append-only: rows are inserted, never updated or deleted. */
@Entity({ name: 'audit_events' })
@Index('audit_events_by_project', ['projectId', 'seq'])
export class AuditEventEntity {
  @PrimaryColumn('text')
  id!: string;

  /** Insertion order; `at` alone ties when a workflow records several facts at one instant. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  @Column('text')
  action!: AuditAction;

  @Column('text')
  actor!: string;

  @Column('timestamptz')
  at!: Date;

  @Column('text', { nullable: true })
  subject!: string | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text', { name: 'request_id', nullable: true })
  requestId!: string | null;

  @Column('jsonb')
  detail!: Record<string, unknown>;
}
