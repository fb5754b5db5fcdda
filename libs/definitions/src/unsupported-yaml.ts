import { type Document, isAlias, isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { DefinitionErrorCode as Code, formatPath, type PathSegment } from './definition-error';

/**
 * How many aliases (`*name`) a document may hold, and how many copies of anchored values they
 * may expand to. The YAML library resolves each alias by scanning every anchor and alias before
 * it, so thousands of them cost quadratic time; nested ones expand exponentially (billion laughs).
 */
export const MOST_ALIASES = 100;

/** The tags of YAML's core schema: the others (`!!binary`, `!!set`, `!!timestamp`, custom tags) yield values JSON cannot hold. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`));

/** A problem found in the YAML tree, at a source offset. */
export interface YamlProblem {
  code: Code;
  path: string;
  message: string;
  offset: number;
}

/**
 * What YAML allows but a definition cannot hold, in document order: a key used twice (the later
 * would silently win), keys that are not text, tags outside the core schema, `.nan` and `.inf`
 * (the compiled definition is JSON, which has neither), an alias inside the value it names (an
 * endless value), and more than MOST_ALIASES aliases. Also where the first alias is. The caller
 * has bounded the depth, so recursion is safe.
 */
export function findUnsupportedYaml(document: Document.Parsed): { problems: YamlProblem[]; firstAlias?: number } {
  const problems: YamlProblem[] = [];
  // One path, pushed and popped on the way down and up: a copy per node was most of the walk's cost.
  const path: PathSegment[] = [];
  let aliases = 0;
  let firstAlias: number | undefined;
  // An alias names the latest node anchored so before it; one inside that very node makes it endless.
  const anchored = new Map<string, Node>();
  const open = new Set<Node>();

  const add = (code: Code, at: readonly PathSegment[], message: string, node: Node | null | undefined) => {
    problems.push({ code, path: formatPath(at), message, offset: node?.range?.[0] ?? 0 });
  };
  const within = (segment: PathSegment, node: unknown) => {
    path.push(segment);
    visit(node);
    path.pop();
  };
  const visit = (node: unknown): void => {
    if (isAlias(node)) {
      aliases += 1;
      firstAlias ??= node.range?.[0];
      if (aliases === MOST_ALIASES + 1) add(Code.TOO_MANY_ALIASES, path, `more than ${MOST_ALIASES} aliases (*name); write the values out`, node);
      const target = anchored.get(node.source);
      if (target && open.has(target))
        add(Code.UNSUPPORTED_YAML, path, `the alias *${node.source} sits inside the value &${node.source} names, which would make that value endless`, node);
      return;
    }
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return;
    if (node.anchor) anchored.set(node.anchor, node);
    if (node.tag !== undefined && node.tag !== '!' && !CORE_TAGS.has(node.tag)) {
      const tag = node.tag.replace('tag:yaml.org,2002:', '!!');
      return void add(
        Code.UNSUPPORTED_YAML,
        path,
        `the tag ${tag} is not part of the definition language: write plain text, numbers, true/false, lists and mappings`,
        node,
      );
    }
    if (isScalar(node)) {
      const { value } = node;
      if (typeof value === 'number' && !Number.isFinite(value))
        add(Code.UNSUPPORTED_YAML, path, `${node.source ?? value} is not a number a definition can hold: JSON has no form for it`, node);
      else if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        add(Code.UNSUPPORTED_YAML, path, 'only text, numbers and true/false can be written here', node);
      return;
    }
    open.add(node);
    if (isSeq(node)) node.items.forEach((item, index) => within(index, item));
    else visitPairs(node);
    open.delete(node);
  };
  const visitPairs = (map: YAMLMap): void => {
    const seen = new Set<string>();
    for (const pair of map.items) {
      const key = pair.key as Node | null;
      if (!isScalar(key) || (key.value !== null && typeof key.value === 'object')) {
        add(Code.UNSUPPORTED_YAML, path, 'a key must be written out as text, not as a list, a mapping or an alias', key ?? map);
        continue;
      }
      visit(key);
      // JSON object keys are text: `1` and "1" would become the same key.
      const name = String(key.value);
      if (seen.has(name)) add(Code.YAML_SYNTAX, [...path, name], `the key "${name}" appears twice in this mapping; keys must be unique`, key);
      seen.add(name);
      within(name, pair.value);
    }
  };

  visit(document.contents);
  return { problems, firstAlias };
}
