import { CancelledFailure, workflowInfo } from '@temporalio/workflow';
import { awaitIncidentResolution } from '../incidents';

/**
 * A stage cannot continue as new in the middle of its steps, so one whose history grows
 * this long is looping: it stops with an incident before Temporal stops it for good. An
 * admin who lets it go on (retry or skip) grants it as many events again.
 */
export class EventBudget {
  private until: number;

  constructor(private readonly events: number) {
    this.until = events;
  }

  /** Returns at once while the history is within budget; past it, waits for an admin's answer to the incident. */
  async check(): Promise<void> {
    const { historyLength } = workflowInfo();
    if (historyLength < this.until) return;
    const action = await awaitIncidentResolution({
      kind: 'event-budget',
      activity: null,
      errorType: 'EventBudgetExceeded',
      message: `The stage's history reached ${historyLength} events (its budget is ${this.events}): it may be looping`,
      attempts: 1,
      skippable: true,
    });
    if (action === 'cancel') throw new CancelledFailure('the project is cancelled');
    this.until = workflowInfo().historyLength + this.events;
  }
}
