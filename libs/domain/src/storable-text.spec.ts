import { storableText, unstorableTextProblem } from './storable-text';

describe(storableText.name, () => {
  it('replaces each NUL and lone surrogate, and keeps surrogate pairs (emoji) whole', () => {
    expect(storableText('a\u0000b\ud800c\udc00d 🎉')).toBe('a\uFFFDb\uFFFDc\uFFFDd 🎉');
  });

  it('agrees with unstorableTextProblem on what cannot be stored', () => {
    for (const text of ['x\u0000', '\ud800', '\udc00x', 'ok 🎉 客户']) expect(unstorableTextProblem(storableText(text))).toBeUndefined();
    expect(unstorableTextProblem('\ud800')).toContain('unpaired');
  });
});
