import { withCallerKey } from './caller-key';

describe(withCallerKey.name, () => {
  it("gives the caller's key back wherever the derived key is answered, and leaves the rest as it is", () => {
    const at = new Date('2027-01-04T09:00:00Z');
    expect(withCallerKey({ requestId: 'idem-1', taskId: 't', nested: [{ requestId: 'idem-1' }, 'idem-10'], at }, 'idem-1', 'click-1')).toEqual({
      requestId: 'click-1',
      taskId: 't',
      nested: [{ requestId: 'click-1' }, 'idem-10'],
      at,
    });
    expect(withCallerKey(undefined, 'idem-1', 'click-1')).toBeUndefined();
  });
});
