import type { ApprovalDecision, ApprovalPolicy } from '@accord/contracts';
import { createApprovalMachine, policyProblems } from './approval-policy.machine';
import { type ApprovalSnapshot, decideApproval, openSlots, startApproval, stepApproval } from './approval-progress';

const approvers = (m: number) => Array.from({ length: m }, (_, i) => ({ role: `r${i}` }));

function decideAll(policy: ApprovalPolicy, decisions: [slot: number, decision: ApprovalDecision][]): ApprovalSnapshot {
  return decisions.reduce((snapshot, [slot, decision]) => decideApproval(policy, snapshot, { slot, decision, by: `u${slot}` }), startApproval(policy));
}

describe('approval policies', () => {
  it('approves a single approval with its one approval', () => {
    const policy: ApprovalPolicy = { kind: 'single', approvers: approvers(1) };
    expect(decideAll(policy, [[0, 'approve']]).result).toBe('approved');
  });

  it('rejects a single approval with its one rejection', () => {
    const policy: ApprovalPolicy = { kind: 'single', approvers: approvers(1) };
    expect(decideAll(policy, [[0, 'reject']]).result).toBe('rejected');
  });

  it('opens a sequential chain one approver at a time, in order', () => {
    const policy: ApprovalPolicy = { kind: 'sequential', approvers: approvers(3) };
    let snapshot = startApproval(policy);
    expect(openSlots(policy, snapshot)).toEqual([0]);
    snapshot = decideApproval(policy, snapshot, { slot: 1, decision: 'approve', by: 'early' });
    expect(snapshot.slots[1].decision).toBeUndefined();
    snapshot = decideApproval(policy, snapshot, { slot: 0, decision: 'approve', by: 'u0' });
    expect(openSlots(policy, snapshot)).toEqual([1]);
    snapshot = decideApproval(policy, snapshot, { slot: 1, decision: 'approve', by: 'u1' });
    snapshot = decideApproval(policy, snapshot, { slot: 2, decision: 'approve', by: 'u2' });
    expect(snapshot.result).toBe('approved');
  });

  it('stops a sequential chain at the first rejection', () => {
    const policy: ApprovalPolicy = { kind: 'sequential', approvers: approvers(3) };
    const snapshot = decideAll(policy, [
      [0, 'approve'],
      [1, 'reject'],
    ]);
    expect(snapshot.result).toBe('rejected');
    expect(openSlots(policy, snapshot)).toEqual([]);
  });

  it('needs every approval for "all" and rejects early on the first rejection', () => {
    const policy: ApprovalPolicy = { kind: 'all', approvers: approvers(2) };
    expect(openSlots(policy, startApproval(policy))).toEqual([0, 1]);
    expect(decideAll(policy, [[1, 'approve']]).result).toBe('pending');
    expect(
      decideAll(policy, [
        [1, 'approve'],
        [0, 'approve'],
      ]).result,
    ).toBe('approved');
    expect(decideAll(policy, [[1, 'reject']]).result).toBe('rejected');
  });

  it('approves "any" on the first approval and rejects it only when everyone rejected', () => {
    const policy: ApprovalPolicy = { kind: 'any', approvers: approvers(3) };
    expect(decideAll(policy, [[2, 'approve']]).result).toBe('approved');
    expect(
      decideAll(policy, [
        [0, 'reject'],
        [1, 'reject'],
      ]).result,
    ).toBe('pending');
    expect(
      decideAll(policy, [
        [0, 'reject'],
        [1, 'reject'],
        [2, 'reject'],
      ]).result,
    ).toBe('rejected');
  });

  it('lets no approver decide twice', () => {
    const policy: ApprovalPolicy = { kind: 'quorum', quorum: 2, approvers: approvers(3) };
    const snapshot = decideAll(policy, [
      [0, 'approve'],
      [0, 'approve'],
      [0, 'reject'],
    ]);
    expect(snapshot.slots[0]).toEqual({ slot: 0, decision: 'approve', decidedBy: 'u0' });
    expect(snapshot.result).toBe('pending');
  });

  it('ignores decisions after the approval is decided', () => {
    const policy: ApprovalPolicy = { kind: 'any', approvers: approvers(2) };
    const decided = decideAll(policy, [[0, 'approve']]);
    expect(decideApproval(policy, decided, { slot: 1, decision: 'reject', by: 'late' })).toEqual(decided);
  });

  it('keeps working after a JSON round trip of its snapshot', () => {
    const policy: ApprovalPolicy = { kind: 'all', approvers: approvers(2) };
    const stored = JSON.parse(JSON.stringify(decideAll(policy, [[0, 'approve']]))) as ApprovalSnapshot;
    expect(decideApproval(policy, stored, { slot: 1, decision: 'approve', by: 'u1' }).result).toBe('approved');
  });

  it('ends as withdrawn when the submitter takes the request back', () => {
    const policy: ApprovalPolicy = { kind: 'all', approvers: approvers(2) };
    const snapshot = stepApproval(policy, decideAll(policy, [[0, 'approve']]), { type: 'WITHDRAW', by: 'sam' });
    expect(snapshot).toMatchObject({ result: 'withdrawn', closure: { reason: 'withdrawn', by: 'sam' } });
    expect(openSlots(policy, snapshot)).toEqual([]);
  });

  it('refuses policies it cannot run, naming the problem', () => {
    expect(policyProblems({ kind: 'single', approvers: approvers(2) })).toEqual(['a single approval needs exactly one approver, not 2']);
    expect(policyProblems({ kind: 'quorum', quorum: 4, approvers: approvers(3) })).toEqual(['a quorum needs a whole number of approvals from 1 to 3, not 4']);
    expect(() => createApprovalMachine({ kind: 'all', approvers: [] })).toThrow(/at least one approver/);
  });

  describe('quorum arithmetic for every n ≤ m ≤ 7', () => {
    // Every approve/reject vector, applied in slot order: the result must be decided by
    // counting alone, at the first moment the count allows, and never change after.
    for (let m = 1; m <= 7; m++) {
      for (let n = 1; n <= m; n++) {
        it(`decides ${n} of ${m} exactly when the count allows`, () => {
          const policy: ApprovalPolicy = { kind: 'quorum', quorum: n, approvers: approvers(m) };
          for (let mask = 0; mask < 1 << m; mask++) {
            let snapshot = startApproval(policy);
            let approvals = 0;
            let rejections = 0;
            for (let slot = 0; slot < m; slot++) {
              const decision: ApprovalDecision = mask & (1 << slot) ? 'approve' : 'reject';
              const before = snapshot.result;
              snapshot = decideApproval(policy, snapshot, { slot, decision, by: `u${slot}` });
              if (before !== 'pending') {
                expect(snapshot.result).toBe(before);
                continue;
              }
              if (decision === 'approve') approvals++;
              else rejections++;
              const expected = approvals >= n ? 'approved' : m - rejections < n ? 'rejected' : 'pending';
              expect(snapshot.result).toBe(expected);
            }
          }
        });
      }
    }
  });
});
