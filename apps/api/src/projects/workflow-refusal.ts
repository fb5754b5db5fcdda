import { WorkflowUpdateFailedError } from '@temporalio/client';
import { REFUSAL_PREFIX } from '@accord/contracts';

/** The reasons an update's validator gave for refusing it, or undefined when the error is something else. */
export function refusalReasons(error: unknown): string[] | undefined {
  const message = error instanceof WorkflowUpdateFailedError ? (error.cause?.message ?? '') : '';
  const at = message.indexOf(REFUSAL_PREFIX);
  return at < 0 ? undefined : (JSON.parse(message.slice(at + REFUSAL_PREFIX.length)) as string[]);
}
