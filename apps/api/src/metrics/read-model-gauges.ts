import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { loadReadModelSnapshot, type ReadModelSnapshotRow } from '@accord/persistence';
import { ApiMetrics } from './api-metrics';
import { ESCALATION_RUNGS, escalationsByRung } from './escalation-rung';

/**
 * A snapshot younger than this answers a scrape: several gauges of one scrape, and scrapes
 * from several Prometheus servers, share one query.
 */
const SNAPSHOT_MAX_AGE_MS = 5_000;

interface Snapshot {
  openTasks: number;
  overdueTasks: number;
  openIncidents: number;
  notificationBacklog: number;
  deadLetters: number;
  outboxLagSeconds: number;
  escalations: Record<(typeof ESCALATION_RUNGS)[number], number>;
}

/**
 * Figures read from the read model when Prometheus scrapes (one statement, see
 * loadReadModelSnapshot), not kept in memory: every API replica reports the same
 * values, and they are right after a restart.
 */
@Injectable()
export class ReadModelGauges {
  private snapshot?: { at: number; value: Promise<Snapshot | undefined> };
  private readonly failures: Counter;

  constructor(
    private readonly dataSource: DataSource,
    metrics: ApiMetrics,
  ) {
    const registers = [metrics.registry];
    const current = () => this.current();
    this.failures = new Counter({
      name: 'accord_read_model_read_failures_total',
      help: 'Reads of the read-model figures that failed (at most one per 5 s); the gauges then keep their last values',
      registers,
      // Reported after this scrape's read, whichever metric the registry serialises first.
      collect: async () => {
        await current();
      },
    });
    const gauge = (name: string, help: string, read: (snapshot: Snapshot) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect: async function (this: Gauge) {
          const snapshot = await current();
          if (snapshot) this.set(read(snapshot));
        },
      });
    gauge('accord_tasks_open', 'Open tasks in the read model', (s) => s.openTasks);
    gauge('accord_tasks_overdue', 'Open tasks past their due date', (s) => s.overdueTasks);
    gauge('accord_incidents_open', 'Incidents waiting for an admin to retry, skip or cancel', (s) => s.openIncidents);
    gauge(
      'accord_notifications_backlog',
      'Notifications in the outbox not yet sent (pending, including those waiting out a backoff)',
      (s) => s.notificationBacklog,
    );
    gauge('accord_notifications_dead_letters', 'Notifications whose attempts ran out, until an admin retries them', (s) => s.deadLetters);
    gauge(
      'accord_outbox_lag_seconds',
      'Age of the oldest notification the outbox has not sent yet (0 when none waits): how far delivery lags behind the workflows',
      (s) => s.outboxLagSeconds,
    );
    new Counter({
      name: 'accord_escalations_total',
      help: 'Escalation rungs fired by the workflows, by rung, as the audit trail records them',
      labelNames: ['rung'] as const,
      registers,
      collect: async function (this: Counter<'rung'>) {
        const snapshot = await current();
        if (!snapshot) return;
        // The audit trail is append-only, so its count only grows: a counter, set to the count.
        this.reset();
        for (const rung of ESCALATION_RUNGS) this.inc({ rung }, snapshot.escalations[rung]);
      },
    });
  }

  /** The snapshot of the last 5 s, or undefined when reading it failed then. */
  private current(): Promise<Snapshot | undefined> {
    const now = Date.now();
    if (!this.snapshot || now - this.snapshot.at > SNAPSHOT_MAX_AGE_MS) this.snapshot = { at: now, value: this.read() };
    return this.snapshot.value;
  }

  private async read(): Promise<Snapshot | undefined> {
    let row: ReadModelSnapshotRow;
    try {
      row = await loadReadModelSnapshot(this.dataSource);
    } catch {
      // A read model that does not answer must not fail the scrape: the HTTP figures matter most then.
      this.failures.inc();
      return undefined;
    }
    return {
      openTasks: Number(row.open_tasks),
      overdueTasks: Number(row.overdue_tasks),
      openIncidents: Number(row.open_incidents),
      notificationBacklog: Number(row.notification_backlog),
      deadLetters: Number(row.notification_dead_letters),
      outboxLagSeconds: Number(row.oldest_pending_notification_seconds),
      escalations: escalationsByRung(row.escalations),
    };
  }
}
