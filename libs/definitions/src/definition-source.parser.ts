import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { DefinitionErrorCode, type DefinitionError, type PathSegment } from './definition-error';

/** A parsed definition: its plain value, and where each path sits in the source. */
export interface ParsedDefinition {
  value: unknown;
  /** 1-based line/column of the node at `path` (its key, for `key: true`), or of its nearest existing parent. */
  positionOf(path: readonly PathSegment[], options?: { key?: boolean }): { line: number; column: number };
  syntaxErrors: DefinitionError[];
}

/** Parses YAML keeping positions; syntax errors come back as values, never thrown. */
export function parseDefinitionSource(source: string): ParsedDefinition {
  const lineCounter = new LineCounter();
  const document = parseDocument(typeof source === 'string' ? source : '', { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const syntaxErrors: DefinitionError[] = document.errors.map((error) => ({
    code: DefinitionErrorCode.YAML_SYNTAX,
    path: '',
    message: error.message.split('\n')[0],
    ...at(error.pos[0]),
  }));
  let value: unknown;
  try {
    value = syntaxErrors.length > 0 ? undefined : document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    syntaxErrors.push({ code: DefinitionErrorCode.YAML_SYNTAX, path: '', message: (error as Error).message, line: 1, column: 1 });
  }
  return {
    value,
    syntaxErrors,
    positionOf: (path, options = {}) => at(locate(document, path, options.key ?? false)),
  };
}

function locate(document: Document, path: readonly PathSegment[], key: boolean): number {
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
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

function rangeStart(node: unknown): number | undefined {
  return (node as Node | undefined)?.range?.[0];
}
