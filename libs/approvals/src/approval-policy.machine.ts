import { assign, setup } from 'xstate';
import type { ApprovalDecision, ApprovalPolicy } from '@accord/contracts';

/** One approver's place in a policy, in the order of `policy.approvers`. */
export interface ApprovalSlot {
  slot: number;
  decision?: ApprovalDecision;
  decidedBy?: string;
  /** The user this slot was delegated to; the policy's approver stays on record. */
  delegatedTo?: string;
}

/** How an approval ended other than by counting decisions. */
export interface ApprovalClosure {
  reason: 'withdrawn' | 'returned' | 'timeout';
  by: string;
}

export interface ApprovalContext {
  policy: ApprovalPolicy;
  slots: ApprovalSlot[];
  closure?: ApprovalClosure;
}

export type ApprovalEvent =
  | { type: 'DECIDE'; slot: number; decision: ApprovalDecision; by: string }
  | { type: 'DELEGATE'; slot: number; to: string; by: string }
  /** An approver sends the work back to its submitter for rework. */
  | { type: 'RETURN'; slot: number; by: string }
  /** The submitter takes the request back. */
  | { type: 'WITHDRAW'; by: string }
  /** Nobody decided in time: the policy's timeout outcome decides. */
  | { type: 'TIMEOUT'; outcome: ApprovalDecision };

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
      timeoutApproves: ({ event }) => event.type === 'TIMEOUT' && event.outcome === 'approve',
    },
    actions: {
      recordDecision: assign({
        slots: ({ context, event }) =>
          event.type === 'DECIDE' ? context.slots.map((slot) => (slot.slot === event.slot ? { ...slot, decision: event.decision, decidedBy: event.by } : slot)) : context.slots,
      }),
      recordDelegation: assign({
        slots: ({ context, event }) => (event.type === 'DELEGATE' ? context.slots.map((slot) => (slot.slot === event.slot ? { ...slot, delegatedTo: event.to } : slot)) : context.slots),
      }),
      recordClosure: assign({
        closure: ({ event }): ApprovalClosure | undefined =>
          event.type === 'RETURN' ? { reason: 'returned', by: event.by } : event.type === 'WITHDRAW' ? { reason: 'withdrawn', by: event.by } : event.type === 'TIMEOUT' ? { reason: 'timeout', by: 'timeout' } : undefined,
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
          DELEGATE: { guard: 'slotIsOpen', actions: 'recordDelegation' },
          RETURN: { guard: 'slotIsOpen', target: 'returned', actions: 'recordClosure' },
          WITHDRAW: { target: 'withdrawn', actions: 'recordClosure' },
          TIMEOUT: [
            { guard: 'timeoutApproves', target: 'approved', actions: 'recordClosure' },
            { target: 'rejected', actions: 'recordClosure' },
          ],
        },
      },
      approved: { type: 'final' },
      rejected: { type: 'final' },
      withdrawn: { type: 'final' },
      returned: { type: 'final' },
    },
  });
}

export type ApprovalMachine = ReturnType<typeof createApprovalMachine>;
