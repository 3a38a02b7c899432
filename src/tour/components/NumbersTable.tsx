/**
 * A figure's numbers as a table: what a screen reader (and a printed handout) gets instead of
 * the picture. Each value carries its raw number in data-value for the end-to-end test.
 */
export interface NumberRow {
  label: string;
  /** as shown */
  value: string;
  /** the unrounded number (or class index) behind `value` */
  raw?: number | string | null;
  testId: string;
}

export function NumbersTable({ caption, rows }: { caption: string; rows: readonly NumberRow[] }) {
  return (
    <table className="tour-numbers">
      <caption>{caption}</caption>
      <tbody>
        {rows.map((r) => (
          <tr key={r.testId}>
            <th scope="row">{r.label}</th>
            <td
              data-testid={r.testId}
              data-value={r.raw === undefined || r.raw === null ? undefined : String(r.raw)}
            >
              {r.value}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
