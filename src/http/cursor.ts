import { type Cursor, decodeCursor } from '../store/leads.ts';
import { HttpProblem } from './problem.ts';

/** The `cursor` query parameter of a list route, or a 400 naming it when it was not made by this API. */
export function cursorFromQuery(value: string | undefined): Cursor | undefined {
  if (!value) return undefined;
  const cursor = decodeCursor(value);
  if (!cursor) {
    throw new HttpProblem(400, 'validation_failed', 'cursor is not valid', {
      invalid_params: [{ name: 'query.cursor', reason: 'not a cursor returned by this API' }],
    });
  }
  return cursor;
}
