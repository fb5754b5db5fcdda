import { getSimplePaths } from '@xstate/graph';
import type { ApprovalKind, ApprovalPolicy } from '@accord/contracts';
import { type ApprovalEvent, createApprovalMachine } from './approval-policy.machine';

// Model-based: walk every simple path of each policy's machine over every event it can
// receive, and check what must hold on all of them.
const FINAL = ['approved', 'rejected', 'withdrawn'];

function policies(): ApprovalPolicy[] {
  const approvers = (m: number) => Array.from({ length: m }, (_, i) => ({ role: `r${i}` }));
  const kinds: ApprovalKind[] = ['sequential', 'all', 'any'];
  return [
    { kind: 'single', approvers: approvers(1) },
    ...kinds.flatMap((kind) => [2, 3].map((m) => ({ kind, approvers: approvers(m) }))),
    { kind: 'quorum', quorum: 2, approvers: approvers(3) },
  ];
}

function eventsFor(policy: ApprovalPolicy): ApprovalEvent[] {
  return [
    ...policy.approvers.flatMap((_, slot): ApprovalEvent[] => [
      { type: 'DECIDE', slot, decision: 'approve', by: `u${slot}` },
      { type: 'DECIDE', slot, decision: 'reject', by: `u${slot}` },
    ]),
    { type: 'WITHDRAW', by: 'submitter' },
  ];
}

describe('approval machines walked path by path', () => {
  for (const policy of policies()) {
    const label = policy.kind === 'quorum' ? `quorum ${policy.quorum} of ${policy.approvers.length}` : `${policy.kind} of ${policy.approvers.length}`;

    it(`${label}: every path ends approved, rejected or withdrawn, and nobody decides twice`, () => {
      const machine = createApprovalMachine(policy);
      const paths = getSimplePaths(machine, { events: eventsFor(policy) });
      expect(paths.length).toBeGreaterThan(policy.approvers.length);
      const endings = new Set<string>();
      for (const path of paths) {
        const value = String(path.state.value);
        expect(['pending', ...FINAL]).toContain(value);
        if (FINAL.includes(value)) endings.add(value);
        const decisions = path.steps.filter((step) => step.event.type === 'DECIDE').map((step) => (step.event as { slot: number }).slot);
        const recorded = path.state.context.slots.filter((slot) => slot.decision !== undefined).map((slot) => slot.slot);
        expect(new Set(recorded).size).toBe(recorded.length);
        expect(recorded.length).toBeLessThanOrEqual(decisions.length);
      }
      expect([...endings].sort()).toEqual([...FINAL].sort());
    });

    it(`${label}: once decided, no event changes the outcome`, () => {
      const machine = createApprovalMachine(policy);
      for (const path of getSimplePaths(machine, { events: eventsFor(policy) })) {
        if (!FINAL.includes(String(path.state.value))) continue;
        const prefix = path.steps.findIndex((step) => FINAL.includes(String(step.state.value)));
        // The first final state on the path is the last: final states have no way out.
        expect(prefix === -1 || prefix === path.steps.length - 1).toBe(true);
      }
    });
  }
});
