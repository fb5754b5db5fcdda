import type { FieldError } from '@accord/contracts';
import { unstorableTextProblem as textProblem } from '@accord/domain';

/** How deep a request's JSON may nest: forms and definitions nest a handful of levels, never dozens. */
export const MAX_INPUT_DEPTH = 32;

const join = (parent: string, key: string | number) =>
  typeof key === 'number' ? `${parent}[${key}]` : /^[A-Za-z_$][\w$-]*$/.test(key) ? (parent ? `${parent}.${key}` : key) : `${parent}[${JSON.stringify(key)}]`;

/**
 * Every string (keys included) in a parsed request part that PostgreSQL cannot store as
 * sent, and any nesting deeper than `maxDepth`, each with the path where it is
 * (`data.goals[0].unit`, as validation errors name paths).
 */
export function unstorableText(value: unknown, path = '', maxDepth = MAX_INPUT_DEPTH): FieldError[] {
  const errors: FieldError[] = [];
  const visit = (node: unknown, at: string, depth: number): void => {
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem) errors.push({ path: at, message: problem });
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    if (depth >= maxDepth) {
      errors.push({ path: at, message: `nests deeper than ${maxDepth} levels` });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, join(at, index), depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(node)) {
      const problem = textProblem(key);
      // A bad key cannot be printed in a path as it is: it is named by its position instead.
      if (problem) errors.push({ path: at || '(body)', message: `has a key that ${problem}` });
      else visit(item, join(at, key), depth + 1);
    }
  };
  visit(value, path, 0);
  return errors;
}
