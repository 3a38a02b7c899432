import { useState, type ReactNode } from 'react';
import './figure.css';

export interface DataTableProps {
  caption: string;
  columns: readonly string[];
  rows: readonly (readonly (string | number)[])[];
  /** the first column names the row (a th with scope="row") */
  rowHeaders?: boolean;
  testId?: string;
}

/** A plain table of a chart's numbers: the accessible alternative to the picture. */
export function DataTable({ caption, columns, rows, rowHeaders = true, testId }: DataTableProps) {
  return (
    // a scrolling region must be reachable by keyboard: focusable and named
    <div className="ae-data-table" tabIndex={0} role="region" aria-label={caption}>
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) =>
                rowHeaders && c === 0 ? (
                  <th key={c} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={c}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface DataTableToggleProps {
  /** summary text, e.g. "Data table" */
  label: string;
  testId?: string;
  /** rendered only while open, so large tables cost nothing when closed */
  children: () => ReactNode;
}

/** A disclosure (details/summary: keyboard and screen-reader friendly) holding a data table. */
export function DataTableToggle({ label, testId, children }: DataTableToggleProps) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="ae-data-toggle"
      data-testid={testId}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>{label}</summary>
      {open && children()}
    </details>
  );
}
