import type { EntityManager } from 'typeorm';
import type { CustomerStanding } from '@accord/contracts';
import { analyseCustomerValue, churnCrossing, type ChurnWarning, type ChurnWatchState, churnWarning, classifyCustomer } from '@accord/domain';
import { enqueueWebhookEvent, loadCustomerAnalyticsSettings, loadCustomerProjects, loadCustomerSignals } from '@accord/persistence';

/** The customer a project is run for, if any. */
export async function customerOfProject(db: EntityManager, projectId: string): Promise<string | null> {
  const [row]: { customer_key: string | null }[] = await db.query(`SELECT customer_key FROM projects WHERE id = $1`, [projectId]);
  return row?.customer_key ?? null;
}

/**
 * Evaluates a customer's analyses after something about them was recorded, in the recording's
 * transaction and at its time (a workflow's clock), across all their projects: the class,
 * value and churn score, and whether the churn warning turned on now (R-REV-7). A crossing is
 * remembered per customer with the evaluation that made it, told to webhook subscribers
 * once, and starts retention in the project that recorded it: two projects of one customer
 * are serialised by the customer's lock, so only one of them sees the crossing.
 */
export async function watchCustomerChurn(db: EntityManager, customerKey: string, at: Date, evaluation: string): Promise<CustomerStanding> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`customer:${customerKey}`]);
  const { standing, churn } = await assessCustomer(db, customerKey, at);
  const [before]: { warning: boolean; crossed_by: string | null }[] = await db.query(
    `SELECT warning, crossed_by FROM customer_churn_watch WHERE customer_key = $1`,
    [customerKey],
  );
  const previous: ChurnWatchState | null = before ? { warning: before.warning, crossedBy: before.crossed_by } : null;
  const { crossed, state } = churnCrossing(previous, churn, evaluation);
  await db.query(
    `INSERT INTO customer_churn_watch (customer_key, warning, score, threshold, crossed_by, crossed_at, evaluated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (customer_key) DO UPDATE SET warning = $2, score = $3, threshold = $4, crossed_by = $5,
       crossed_at = CASE WHEN customer_churn_watch.crossed_by IS DISTINCT FROM $5 THEN $6 ELSE customer_churn_watch.crossed_at END, evaluated_at = $7`,
    [customerKey, state.warning, churn.score, churn.threshold, state.crossedBy, crossed ? at : null, at],
  );
  if (crossed) {
    await enqueueWebhookEvent(db, {
      id: `churn-warning:${customerKey}:${evaluation}`,
      type: 'customer.churn-warning',
      occurredAt: at,
      data: { customerKey, score: standing.churnScore, threshold: standing.churnThreshold, classLabel: standing.classLabel, signals: standing.signals },
    });
  }
  return { ...standing, crossed };
}

/** The customer's class, value and churn score at a moment, across all their projects, as the record would compute them. */
export async function assessCustomer(db: EntityManager, customerKey: string, at: Date): Promise<{ standing: CustomerStanding; churn: ChurnWarning }> {
  const [profile]: { annual_contract_value: number | null }[] = await db.query(`SELECT annual_contract_value FROM customer_profiles WHERE customer_key = $1`, [
    customerKey,
  ]);
  const annualContractValue = profile?.annual_contract_value ?? null;
  const [projects, settings] = await Promise.all([loadCustomerProjects(db, [customerKey]), loadCustomerAnalyticsSettings(db)]);
  const signals = (await loadCustomerSignals(db, [{ key: customerKey, annualContractValue }], projects, at)).get(customerKey)!;
  // Neither the class nor the churn score reads goals; the value's own ratio is the record's to show.
  const facts = { ...signals, goals: { set: 0, met: 0 } };
  const churn = churnWarning(facts, settings, at);
  const standing: CustomerStanding = {
    customerKey,
    classLabel: classifyCustomer(facts, settings.classification, at).label,
    contractValue: annualContractValue,
    satisfactionTrend: analyseCustomerValue(facts, settings.trend, at).trends.satisfaction.direction,
    churnScore: churn.score,
    churnThreshold: churn.threshold,
    churnWarning: churn.warning,
    crossed: false,
    signals: churn.signals
      .filter((signal) => signal.contribution > 0)
      .sort((a, b) => b.contribution - a.contribution)
      .map((signal) => ({ name: signal.name, contribution: signal.contribution, explanation: signal.explanation })),
    at: at.toISOString(),
  };
  return { standing, churn };
}
