import type { ComponentChildren } from 'preact';

/** Column describes one column of a Table. */
export interface Column<T> {
  label: string;
  /** value renders the cell. */
  value: (row: T) => ComponentChildren;
  /** numeric columns are right-aligned. */
  numeric?: boolean;
}

/** Table is an accessible data table with a caption: every chart's numbers are shown in one. */
export function Table<T>(props: { caption: string; columns: Column<T>[]; rows: T[]; testId?: string; empty?: string }) {
  const { caption, columns, rows, testId, empty } = props;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{empty ?? 'None.'}</td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr>
                {columns.map((c) => (
                  <td class={c.numeric ? 'num' : undefined}>{c.value(r)}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
