import { assign, setup } from 'xstate';
import type { ApprovalDecision, ApprovalPolicy } from '@accord/contracts';

/** One approver's place in a policy, in the order of `policy.approvers`. */
export interface ApprovalSlot {
  slot: number;
  decision?: ApprovalDecision;
  decidedBy?: string;
}

/** How an approval ended other than by counting decisions. */
export interface ApprovalClosure {
  reason: 'withdrawn';
  by: string;
}

export interface ApprovalContext {
  policy: ApprovalPolicy;
  slots: ApprovalSlot[];
  closure?: ApprovalClosure;
}

// Only what a workflow sends. A timed-out approval is decided slot by slot as DECIDE events (the
// escalation ladder's auto-decide), and delegation reassigns the task, not the slot.
export type ApprovalEvent =
  | { type: 'DECIDE'; slot: number; decision: ApprovalDecision; by: string }
  /** The submitter takes the request back. */
  | { type: 'WITHDRAW'; by: string };

/** Why a policy cannot be run; empty when it can. */
export function policyProblems(policy: ApprovalPolicy): string[] {
  const m = policy.approvers.length;
  const problems: string[] = [];
  if (m === 0) problems.push('an approval needs at least one approver');
  if (policy.kind === 'single' && m !== 1) problems.push(`a single approval needs exactly one approver, not ${m}`);
  if (policy.kind === 'quorum') {
    const n = policy.quorum;
    if (n === undefined || !Number.isInteger(n) || n < 1 || n > m) problems.push(`a quorum needs a whole number of approvals from 1 to ${m}, not ${n}`);
  } else if (policy.quorum !== undefined) {
    problems.push(`quorum applies only to kind quorum, not ${policy.kind}`);
  }
  return problems;
}

/**
 * Approvals needed. Every kind is "n of m": all and sequential need every approver,
 * any needs one, single its only one, quorum its n.
 */
export function approvalsNeeded(policy: ApprovalPolicy): number {
  switch (policy.kind) {
    case 'single':
    case 'sequential':
    case 'all':
      return policy.approvers.length;
    case 'any':
      return 1;
    case 'quorum':
      return policy.quorum ?? policy.approvers.length;
  }
}

const count = (slots: ApprovalSlot[], decision: ApprovalDecision) => slots.filter((slot) => slot.decision === decision).length;

/** Approved once n approvals are in. */
export function isApproved({ policy, slots }: ApprovalContext): boolean {
  return count(slots, 'approve') >= approvalsNeeded(policy);
}

/** Rejected as soon as the undecided slots can no longer bring the approvals to n. */
export function isRejected({ policy, slots }: ApprovalContext): boolean {
  return slots.length - count(slots, 'reject') < approvalsNeeded(policy);
}

/** Slots awaiting a decision while the approval is pending: one at a time in a sequence, all undecided otherwise. */
export function undecidedOpenSlots({ policy, slots }: ApprovalContext): number[] {
  const undecided = slots.filter((slot) => slot.decision === undefined).map((slot) => slot.slot);
  return policy.kind === 'sequential' ? undecided.slice(0, 1) : undecided;
}

/** The approval policy as an XState machine: pending until approved or rejected; no timers (time is the workflow's). */
export function createApprovalMachine(policy: ApprovalPolicy) {
  const problems = policyProblems(policy);
  if (problems.length > 0) throw new Error(`Invalid approval policy: ${problems.join('; ')}`);
  return setup({
    types: {
      context: {} as ApprovalContext,
      events: {} as ApprovalEvent,
    },
    guards: {
      slotIsOpen: ({ context, event }) => 'slot' in event && undecidedOpenSlots(context).includes(event.slot),
      approved: ({ context }) => isApproved(context),
      rejected: ({ context }) => isRejected(context),
    },
    actions: {
      recordDecision: assign({
        slots: ({ context, event }) =>
          event.type === 'DECIDE'
            ? context.slots.map((slot) => (slot.slot === event.slot ? { ...slot, decision: event.decision, decidedBy: event.by } : slot))
            : context.slots,
      }),
      recordWithdrawal: assign({
        closure: ({ event }): ApprovalClosure | undefined => (event.type === 'WITHDRAW' ? { reason: 'withdrawn', by: event.by } : undefined),
      }),
    },
  }).createMachine({
    id: `approval-${policy.kind}`,
    context: { policy, slots: policy.approvers.map((_, slot) => ({ slot })) },
    initial: 'pending',
    states: {
      pending: {
        always: [
          { guard: 'approved', target: 'approved' },
          { guard: 'rejected', target: 'rejected' },
        ],
        on: {
          DECIDE: { guard: 'slotIsOpen', actions: 'recordDecision' },
          WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
        },
      },
      approved: { type: 'final' },
      rejected: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  });
}
