/**
 * The dashboard's list tables: a scrolling wrapper, an optional caption for screen readers, column
 * headers, one row per item and a muted row when there are none.
 * @module
 */
import type { ComponentChildren, VNode } from "preact";

/** A column header; `num` right-aligns a column of numbers. */
export interface Column {
  label: string;
  num?: boolean;
}

/** A table of `rows`, each drawn by `row`; `empty` is the row shown when there are none. */
export function Table<T>(
  { rows, row, columns, testId, caption, empty, foot, id }: {
    rows: T[];
    row: (item: T) => VNode;
    columns: Column[];
    testId: string;
    caption?: string;
    empty?: string;
    foot?: ComponentChildren;
    /** The wrapper's id (a live region). */
    id?: string;
  },
) {
  return (
    <div id={id} class="table-wrap">
      <table data-testid={testId}>
        {caption && <caption class="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((col, i) => (
              <th key={i} scope="col" class={col.num ? "num" : undefined}>{col.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {empty && rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} class="muted">{empty}</td>
            </tr>
          )}
          {rows.map(row)}
        </tbody>
        {foot && <tfoot>{foot}</tfoot>}
      </table>
    </div>
  );
}
