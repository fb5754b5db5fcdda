import { condition } from '@temporalio/workflow';
import type { BusinessCalendar, Duration } from '@accord/contracts';
import { addDuration } from '@accord/domain';

/** What a ladder does to the work it watches; each hook records and audits its own effect. */
export interface LadderHooks<Rung> {
  isOpen(): boolean;
  act(rung: Rung): Promise<void>;
}

/**
 * Walks an escalation ladder on durable timers: each rung fires at its offset from
 * `openedAt` (on the business calendar) unless the work closed first. Returns once the
 * work is closed or the last rung has fired.
 */
export async function runEscalationLadder<Rung extends { after: Duration }>(escalations: Rung[], openedAt: Date, calendar: BusinessCalendar, hooks: LadderHooks<Rung>): Promise<void> {
  const rungs = escalations
    .map((rung) => ({ rung, at: addDuration(openedAt, rung.after, calendar).getTime() }))
    .sort((a, b) => a.at - b.at);
  for (const { rung, at } of rungs) {
    const wait = at - Date.now();
    // condition() with a timeout resolves true when the work closed, false when time ran out.
    const closed = wait > 0 ? await condition(() => !hooks.isOpen(), wait) : !hooks.isOpen();
    if (closed) return;
    await hooks.act(rung);
  }
}
