/**
 * Column maps: the one place a table's column names meet the TypeScript fields of its row type
 * (src/store/README.md). A map must name a column for every field of the row type and nothing else (checked
 * by the compiler through `satisfies ColumnMap<Row>`); SELECT and RETURNING lists are built from it, so
 * no statement writes `column AS "field"` by hand.
 */
export type ColumnMap<Row> = { readonly [Field in keyof Row]-?: string };

/** `alias.column AS "field", …` of every field of the map (a field named like its column is not aliased). */
export function selectList<Row>(map: ColumnMap<Row>, alias?: string): string {
  const prefix = alias ? `${alias}.` : '';
  return (Object.entries(map) as [string, string][])
    .map(([field, column]) => (field === column ? `${prefix}${column}` : `${prefix}${column} AS "${field}"`))
    .join(', ');
}

/** A statement and its parameters, run by the store's `Sql` (`run(sql, statement)`). */
export type Statement = readonly [text: string, params: readonly unknown[]];
