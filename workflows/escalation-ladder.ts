import { condition } from '@temporalio/workflow';
import type { BusinessCalendar, Duration } from '@accord/contracts';
import { addDuration } from '@accord/domain';

/** What a ladder does to the work it watches; each hook records and audits its own effect. */
export interface LadderHooks<Rung> {
  isOpen(): boolean;
  act(rung: Rung): Promise<void>;
  /** An SLA clock: while paused nothing fires, and paused time pushes every rung back. */
  clock?: PausableClock;
}

/** Time a piece of work's clock has stood still, and whether it stands still now. */
export interface PausableClock {
  pausedMs: number;
  /** Workflow time the current pause began; undefined while the clock runs. */
  since?: number;
}

/**
 * Walks an escalation ladder on durable timers: each rung fires at its offset from
 * `openedAt` (on the business calendar) unless the work closed first. Returns once the
 * work is closed or the last rung has fired.
 */
export async function runEscalationLadder<Rung extends { after: Duration }>(
  escalations: Rung[],
  openedAt: Date,
  calendar: BusinessCalendar,
  hooks: LadderHooks<Rung>,
): Promise<void> {
  const rungs = escalations.map((rung) => ({ rung, at: addDuration(openedAt, rung.after, calendar).getTime() })).sort((a, b) => a.at - b.at);
  const paused = () => hooks.clock?.since !== undefined;
  for (const { rung, at } of rungs) {
    for (;;) {
      if (!hooks.isOpen()) return;
      if (paused()) {
        await condition(() => !hooks.isOpen() || !paused());
        continue;
      }
      const wait = at + (hooks.clock?.pausedMs ?? 0) - Date.now();
      if (wait <= 0) break;
      // condition() with a timeout resolves true when the work closed or paused, false when time ran out.
      if (!(await condition(() => !hooks.isOpen() || paused(), wait))) break;
    }
    if (!hooks.isOpen()) return;
    await hooks.act(rung);
  }
}
