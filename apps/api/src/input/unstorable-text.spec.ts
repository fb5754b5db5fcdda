import { unstorableText } from './unstorable-text';

describe(unstorableText.name, () => {
  it('accepts any text PostgreSQL stores as sent: accents, CJK, emoji (surrogate pairs)', () => {
    expect(unstorableText({ name: 'Crème brûlée 客户期望 🎉', tags: ['a', 'b'], count: 3, nested: { ok: true, none: null } })).toEqual([]);
  });

  it('names the path of every NUL and lone surrogate, in values and in keys', () => {
    expect(unstorableText({ data: { goals: [{ unit: 'da\u0000ys' }, { unit: '\udc00' }] }, ['bad\u0000key']: 1 })).toEqual([
      { path: 'data.goals[0].unit', message: expect.stringContaining('NUL') },
      { path: 'data.goals[1].unit', message: expect.stringContaining('unpaired') },
      { path: '(body)', message: expect.stringContaining('key') },
    ]);
  });

  it('quotes keys that are not identifiers, so the path can be read back', () => {
    expect(unstorableText({ 'first name': '\u0000' })).toEqual([{ path: '["first name"]', message: expect.any(String) }]);
  });

  it('stops at the depth limit with one error instead of walking on', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 10_000; level++) deep = [deep];
    expect(unstorableText({ data: deep }, '', 32)).toEqual([{ path: `data${'[0]'.repeat(31)}`, message: 'nests deeper than 32 levels' }]);
  });
});
