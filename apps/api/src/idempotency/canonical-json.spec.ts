import { canonicalJson } from './canonical-json';

describe(canonicalJson.name, () => {
  it('writes the same text for objects that differ only in key order, at every depth', () => {
    expect(canonicalJson({ b: 2, a: { d: [1, { y: 1, x: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 2, y: 1 }] }, b: 2 }));
    expect(canonicalJson({ b: 2, a: 1 })).toBe('{"a":1,"b":2}');
  });

  it('keeps array order, which is meaning', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('drops undefined members as JSON does, so a body read back from JSON gives the same text', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson(JSON.parse('{"a":1}')));
    expect(canonicalJson([undefined])).toBe('[null]');
  });

  it('tells apart values JSON tells apart', () => {
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });
});
