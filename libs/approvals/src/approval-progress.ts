import { initialTransition, transition } from 'xstate';
import type { ApprovalDecision, ApprovalPolicy } from '@accord/contracts';
import { type ApprovalClosure, type ApprovalEvent, type ApprovalSlot, createApprovalMachine, undecidedOpenSlots } from './approval-policy.machine';

/** Pending, or how the approval ended. */
export type ApprovalResult = 'pending' | 'approved' | 'rejected' | 'withdrawn';

/**
 * Where an approval stands, as plain JSON: what a workflow keeps in its state and may
 * carry through continue-as-new. The machine's own snapshot is rebuilt from it.
 */
export interface ApprovalSnapshot {
  result: ApprovalResult;
  slots: ApprovalSlot[];
  closure?: ApprovalClosure;
}

function toMachineSnapshot(policy: ApprovalPolicy, snapshot: ApprovalSnapshot) {
  const machine = createApprovalMachine(policy);
  return { machine, state: machine.resolveState({ value: snapshot.result, context: { policy, slots: snapshot.slots, closure: snapshot.closure } }) };
}

function fromMachineSnapshot(state: { value: unknown; context: { slots: ApprovalSlot[]; closure?: ApprovalClosure } }): ApprovalSnapshot {
  return { result: state.value as ApprovalResult, slots: state.context.slots, ...(state.context.closure ? { closure: state.context.closure } : {}) };
}

/** Applies any event of the approval machine with xstate's pure `transition()`; one the machine does not accept changes nothing. */
export function stepApproval(policy: ApprovalPolicy, snapshot: ApprovalSnapshot, event: ApprovalEvent): ApprovalSnapshot {
  const { machine, state } = toMachineSnapshot(policy, snapshot);
  const [next] = transition(machine, state, event);
  return fromMachineSnapshot(next);
}

/** The snapshot of a new approval under `policy`. */
export function startApproval(policy: ApprovalPolicy): ApprovalSnapshot {
  const [state] = initialTransition(createApprovalMachine(policy));
  return fromMachineSnapshot(state);
}

/** Applies one approver's decision with xstate's pure `transition()`; a decision for a slot that is not open changes nothing. */
export function decideApproval(
  policy: ApprovalPolicy,
  snapshot: ApprovalSnapshot,
  event: { slot: number; decision: ApprovalDecision; by: string },
): ApprovalSnapshot {
  return stepApproval(policy, snapshot, { type: 'DECIDE', ...event });
}

/** Slots awaiting a decision now (none once the approval is decided). */
export function openSlots(policy: ApprovalPolicy, snapshot: ApprovalSnapshot): number[] {
  return snapshot.result === 'pending' ? undecidedOpenSlots({ policy, slots: snapshot.slots }) : [];
}
