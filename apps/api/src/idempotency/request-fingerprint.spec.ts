import { requestFingerprint } from './request-fingerprint';

describe(requestFingerprint.name, () => {
  it('is the SHA-256 of the canonical body, so key order does not matter', () => {
    expect(requestFingerprint({ outcome: 'approve', data: { a: 1, b: 2 } })).toBe(requestFingerprint({ data: { b: 2, a: 1 }, outcome: 'approve' }));
    expect(requestFingerprint({})).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when what is asked differs', () => {
    expect(requestFingerprint({ outcome: 'approve' })).not.toBe(requestFingerprint({ outcome: 'reject' }));
  });

  it('counts a body requestId as the key, not as what is asked', () => {
    expect(requestFingerprint({ requestId: 'click-1', text: 'Hello' })).toBe(requestFingerprint({ text: 'Hello' }));
    expect(requestFingerprint({ requestId: 'click-1' })).toBe(requestFingerprint({}));
  });

  it('counts an absent body as an empty one', () => {
    expect(requestFingerprint(undefined)).toBe(requestFingerprint({}));
  });
});
