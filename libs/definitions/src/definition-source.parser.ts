import { Composer, CST, type Document, isMap, isScalar, isSeq, LineCounter, type Node, type Pair, Parser, type YAMLMap, YAMLParseError } from 'yaml';
import { DefinitionErrorCode as Code, type DefinitionError, formatPath, type PathSegment } from './definition-error';
import { findUnsupportedYaml, MOST_ALIASES } from './unsupported-yaml';

/** A parsed definition: its plain value, and where each path sits in the source. */
export interface ParsedDefinition {
  value: unknown;
  /** 1-based line/column of the node at `path` (its key, for `key: true`), or of its nearest existing parent. */
  positionOf(path: readonly PathSegment[], options?: { key?: boolean }): { line: number; column: number };
  syntaxErrors: DefinitionError[];
}

/**
 * How deep lists and mappings may nest. The shipped definitions reach 12 (a form field's list
 * of objects, in a form, in the document). The YAML composer recurses once per level, and a few
 * thousand levels down it overflows the stack in a way that can abort the whole process (V8 runs
 * out of memory compiling a regular expression at the stack's edge), so depth is measured on the
 * parser's token tree, which is built without recursion, before anything recurses.
 */
export const DEEPEST_NESTING = 64;

type Position = { line: number; column: number };

/** Parses YAML keeping positions; syntax errors and unsupported YAML come back as values, never thrown. */
export function parseDefinitionSource(source: string): ParsedDefinition {
  const text = typeof source === 'string' ? source : '';
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  try {
    return parseChecked(text, lineCounter, at);
  } catch (error) {
    // The YAML library is not ours: whatever it throws on input nobody imagined comes back as a value.
    return refused([{ code: Code.YAML_SYNTAX, path: '', message: (error as Error).message, line: 1, column: 1 }]);
  }
}

function parseChecked(text: string, lineCounter: LineCounter, at: (offset: number) => Position): ParsedDefinition {
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const deep = firstTooDeep(tokens);
  if (deep) {
    const message = `lists and mappings nest more than ${DEEPEST_NESTING} levels deep here; a definition needs far fewer`;
    return refused([{ code: Code.NESTING_TOO_DEEP, path: formatPath(deep.path), message, ...at(deep.offset) }]);
  }
  const document = composeOne(tokens, text.length);
  const syntaxErrors: DefinitionError[] = document.errors.map((error) => ({
    code: Code.YAML_SYNTAX,
    path: '',
    message: error.message.split('\n')[0],
    ...at(error.pos[0]),
  }));
  if (syntaxErrors.length > 0) return refused(syntaxErrors);
  const { problems, firstAlias } = findUnsupportedYaml(document);
  if (problems.length > 0) return refused(problems.map(({ offset, ...error }) => ({ ...error, ...at(offset) })));

  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MOST_ALIASES });
  } catch (error) {
    // The library throws a ReferenceError when aliases expand past the count: an attack, or a
    // definition to write out.
    if (!(error instanceof ReferenceError)) throw error;
    return refused([
      {
        code: Code.TOO_MANY_ALIASES,
        path: '',
        message: `aliases expand to more than ${MOST_ALIASES} copies of anchored values; write the values out`,
        ...at(firstAlias ?? 0),
      },
    ]);
  }
  const keyIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
  return { value, syntaxErrors: [], positionOf: (path, options = {}) => at(locate(document, path, options.key ?? false, keyIndex)) };
}

function refused(syntaxErrors: DefinitionError[]): ParsedDefinition {
  return { value: undefined, syntaxErrors, positionOf: () => ({ line: 1, column: 1 }) };
}

type Pending = { token: CST.Token; depth: number; parent?: Pending; segment?: PathSegment };

/** The first collection (in document order) nested deeper than DEEPEST_NESTING, and its path, found without recursion. */
function firstTooDeep(tokens: CST.Token[]): { offset: number; path: PathSegment[] } | undefined {
  const pending: Pending[] = [];
  for (const token of [...tokens].reverse()) if (token.type === 'document' && token.value) pending.push({ token: token.value, depth: 1 });
  while (pending.length > 0) {
    const entry = pending.pop()!;
    const { token, depth } = entry;
    if (!CST.isCollection(token)) continue;
    if (depth > DEEPEST_NESTING) return { offset: token.offset, path: pathTo(entry) };
    const isList = token.type === 'block-seq' || (token.type === 'flow-collection' && token.start.source === '[');
    for (let index = token.items.length - 1; index >= 0; index--) {
      const { key, value } = token.items[index];
      const segment = isList ? index : (keyText(key) ?? index);
      if (value) pending.push({ token: value, depth: depth + 1, parent: entry, segment });
      if (key) pending.push({ token: key, depth: depth + 1, parent: entry, segment });
    }
  }
  return undefined;
}

function keyText(key: CST.Token | null | undefined): string | undefined {
  // Errors in the key are the composer's to report; here it only names a path segment.
  return key ? CST.resolveAsScalar(key, false, () => undefined)?.value : undefined;
}

function pathTo(entry: Pending): PathSegment[] {
  const path: PathSegment[] = [];
  for (let at: Pending | undefined = entry; at?.segment !== undefined; at = at.parent) path.unshift(at.segment);
  return path;
}

function composeOne(tokens: CST.Token[], length: number): Document.Parsed {
  // Unique keys are checked in findUnsupportedYaml: the library's own check scans every earlier
  // key of a mapping for each key, which made 40,000 forms take 37 s.
  const composer = new Composer({ uniqueKeys: false, prettyErrors: false });
  let document: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, length)) {
    if (document) {
      document.errors.push(
        new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'a definition is one YAML document, and a second one starts here'),
      );
      break;
    }
    document = next;
  }
  // compose(…, forceDoc) always yields a document, even for empty text.
  return document!;
}

function locate(document: Document, path: readonly PathSegment[], key: boolean, keyIndex: WeakMap<YAMLMap, Map<string, Pair>>): number {
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = pairsOf(node, keyIndex).get(String(segment));
      if (!pair) return offset;
      if (last && key) return rangeStart(pair.key) ?? offset;
      node = pair.value;
      // A key with no value (`assignee:`) points at the key.
      offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (node === undefined) return offset;
      offset = rangeStart(node) ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

/** A mapping's pairs by key text, built once per mapping: a scan per error made thousands of errors quadratic. */
function pairsOf(map: YAMLMap, keyIndex: WeakMap<YAMLMap, Map<string, Pair>>): Map<string, Pair> {
  let pairs = keyIndex.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const pair of map.items) if (isScalar(pair.key) && !pairs.has(String(pair.key.value))) pairs.set(String(pair.key.value), pair);
    keyIndex.set(map, pairs);
  }
  return pairs;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | undefined)?.range?.[0];
}
