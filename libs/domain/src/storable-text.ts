// NUL cannot be stored in PostgreSQL's text or jsonb; a lone UTF-16 surrogate has no UTF-8
// form and would be stored as U+FFFD, not as it was sent.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE = new RegExp(`\\u0000|${LONE_SURROGATE.source}`, 'g');

/** Why PostgreSQL could not keep this text as it was sent, or undefined when it can. */
export function unstorableTextProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate, which is not valid Unicode';
  return undefined;
}

/** The text with each NUL and lone surrogate replaced by U+FFFD, for records that must be written whatever they quote. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}
