import type { AccordErrorBody } from '@/lib/api/api-error';

/** rjsf's error schema: nested by field, messages under `__errors` (structurally its ErrorSchema). */
export interface FieldErrorTree {
  __errors?: string[];
  [field: string]: FieldErrorTree | string[] | undefined;
}

/** `data.goals[0].unit` → ['goals', '0', 'unit']: the API's paths into the form's data. */
function formPath(path: string): string[] | undefined {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  return parts[0] === 'data' ? parts.slice(1) : undefined;
}

/**
 * Splits the API's 400/422 details into those that name a field of the form (shown on the
 * field, as rjsf's extra errors) and the rest (outcome, comment…: shown above the form).
 */
export function splitFieldErrors(details: AccordErrorBody['details']): { fields: FieldErrorTree; other: string[] } {
  const fields: FieldErrorTree = {};
  const other: string[] = [];
  for (const detail of details) {
    const path = formPath(detail.path);
    if (!path) {
      other.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
      continue;
    }
    let node = fields;
    for (const part of path) node = (node[part] as FieldErrorTree | undefined) ?? ((node[part] = {}) as FieldErrorTree);
    (node.__errors ??= []).push(detail.message);
  }
  return { fields, other };
}
