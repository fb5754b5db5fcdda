/** The rungs of an escalation ladder, as the `rung` label of accord_escalations_total. */
export const ESCALATION_RUNGS = ['remind', 'notify', 'reassign', 'auto-decide'] as const;
export type EscalationRung = (typeof ESCALATION_RUNGS)[number];

/** The audit action each rung leaves when it fires (a reassignment only when the system made it). */
const RUNG_OF_ACTION: Record<string, EscalationRung> = {
  'task.reminded': 'remind',
  'task.escalated': 'notify',
  'task.reassigned': 'reassign',
  'task.auto-decided': 'auto-decide',
};

/** How often each rung fired, from audit counts by action; every rung is present, fired or not. */
export function escalationsByRung(countsByAction: Record<string, string | number>): Record<EscalationRung, number> {
  const fired = Object.fromEntries(ESCALATION_RUNGS.map((rung) => [rung, 0])) as Record<EscalationRung, number>;
  for (const [action, count] of Object.entries(countsByAction)) {
    const rung = RUNG_OF_ACTION[action];
    if (rung) fired[rung] += Number(count);
  }
  return fired;
}
