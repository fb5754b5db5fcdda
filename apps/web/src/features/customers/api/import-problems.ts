import type { AccordErrorBody } from '@/lib/api/api-error';

/** A problem of an imported file at its place: `line 2, contactEmail` → line 2, column contactEmail. */
export type ImportProblem = { line?: number; column?: string; message: string };

const PLACE = /^line (\d+)(?:, (.+))?$/;

/** The API names each problem of a file by line and column in `path`; a problem of the whole request has none. */
export function importProblems(body: AccordErrorBody): ImportProblem[] {
  return body.details.map((detail) => {
    const place = PLACE.exec(detail.path ?? '');
    return place ? { line: Number(place[1]), column: place[2], message: detail.message } : { message: detail.message };
  });
}
