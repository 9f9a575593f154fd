import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './db.ts';

/** Runs raw SQL and returns its rows; PGlite answers `{ rows }`, postgres.js an array. */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** A text[] parameter: both drivers accept a JSON array cast to text[] the same way. */
export const textArray = (values: string[]): string => JSON.stringify(values);

function jsonValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * An INSERT of many rows with one fixed statement text and one JSON parameter
 * (jsonb_populate_recordset): far cheaper than a multi-row VALUES list with thousands of parameters
 * whose text changes with every batch size. Columns a row leaves out take the column's default
 * (app-side defaults such as ids are computed here) when no row sets it; a column some rows set
 * is NULL in the others (and so is a null value). Undefined when there is nothing to insert.
 */
export function jsonInsertQuery<T extends PgTable>(
  table: T,
  rows: T['$inferInsert'][],
  options: { skipConflicts?: boolean } = {},
): SQL | undefined {
  if (rows.length === 0) return undefined;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(columns).filter(
    (key) =>
      columns[key]?.defaultFn !== undefined ||
      rows.some((row) => (row as Record<string, unknown>)[key] !== undefined),
  );
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const key of keys) {
      const column = columns[key] as PgColumn;
      const given = (row as Record<string, unknown>)[key];
      const value = given === undefined && column.defaultFn ? column.defaultFn() : given;
      // A key left out of the JSON reads as NULL, as the base record null::table has it: nulls
      // need not be sent (a lead row is mostly nulls, and the bytes were a tenth of a capture's CPU).
      if (value !== null && value !== undefined) record[column.name] = jsonValue(value);
    }
    return record;
  });
  const names = sql.join(
    keys.map((key) => sql.identifier((columns[key] as PgColumn).name)),
    sql`, `,
  );
  const onConflict = options.skipConflicts ? sql` ON CONFLICT DO NOTHING` : sql``;
  return sql`INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_populate_recordset(null::${table}, ${JSON.stringify(records)}::jsonb)${onConflict}`;
}

export async function insertJsonRows<T extends PgTable>(
  ex: Executor,
  table: T,
  rows: T['$inferInsert'][],
): Promise<void> {
  const query = jsonInsertQuery(table, rows);
  if (query) await ex.execute(query);
}
