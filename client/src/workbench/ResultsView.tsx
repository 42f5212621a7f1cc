import { useMemo, useState } from 'react';
import { ExportButtons } from '../export/ExportButtons.js';
import { downloadBlob } from '../export/image.js';
import { useData } from '../state/data.js';
import { announce } from '../ui/announce.js';
import { entityIdsInRow, openInExplorer, showInGraph } from './graph.js';
import { csvText, sortRows, toCsv, toTableModel, type SortDirection } from './results.js';
import { useRun } from './run.js';

/** How many rows the table draws at once; the rest stay in the CSV and behind "Show more". */
const PAGE = 200;

function toTsv(columns: readonly string[], rows: readonly { text: string }[][]): string {
  const clean = (text: string) => text.replace(/[\t\r\n]+/g, ' ');
  return [columns.map(clean).join('\t'), ...rows.map((row) => row.map((c) => clean(c.text)).join('\t'))].join(
    '\n',
  );
}

export function ResultsView() {
  const run = useRun((s) => s.run);
  const [sort, setSort] = useState<{ column: number; direction: SortDirection } | null>(null);
  const [shown, setShown] = useState(PAGE);
  const names = useData((s) => s.nodes);
  const response = run.status === 'done' ? run.response : null;
  const model = useMemo(() => (response ? toTableModel(response) : null), [response]);
  const [lastModel, setLastModel] = useState(model);
  if (model !== lastModel) {
    setLastModel(model);
    setSort(null);
    setShown(PAGE);
  }
  const rows = useMemo(
    () => (model ? (sort ? sortRows(model.rows, sort.column, sort.direction) : model.rows) : []),
    [model, sort],
  );
  const known = useMemo(() => new Set(response?.graph.nodes.map((n) => n.id) ?? []), [response]);
  const graphNames = useMemo(
    () => new Map(response?.graph.nodes.map((n) => [n.id, n.name]) ?? []),
    [response],
  );

  if (run.status === 'idle') {
    return (
      <p className="muted wb-results-empty">
        Run a query or a template: its rows appear here, and its entities can be drawn in the graph.
      </p>
    );
  }
  if (run.status === 'running') {
    return (
      <p className="wb-status" role="status">
        <span className="spinner spinner--small" aria-hidden="true" /> Running{' '}
        {run.source.label.toLowerCase()}… Cancel stops it in the database.
      </p>
    );
  }
  if (run.status === 'cancelled') {
    return (
      <p className="wb-status" role="status">
        Query cancelled: it was stopped in the database before it finished.
      </p>
    );
  }
  if (run.status === 'error' || !model || !response) {
    return run.status === 'error' && run.source.label !== 'Query' ? (
      <p className="error-box" role="alert">
        {run.source.label} failed: {run.error.message}
      </p>
    ) : null;
  }

  const copyTsv = async () => {
    await navigator.clipboard.writeText(toTsv(model.columns, rows));
    announce(`${rows.length} rows copied as tab-separated text.`);
  };
  const exportCsv = () => {
    downloadBlob(
      new Blob([toCsv({ columns: model.columns, rows })], { type: 'text/csv' }),
      'trove-results.csv',
    );
    announce('Results saved as CSV.');
  };
  const graphSize = response.graph.nodes.length;

  return (
    <section className="wb-results" aria-label="Query results">
      <div className="wb-results-bar">
        <p className="wb-summary" role="status">
          {run.source.label}: {model.rowCount} row{model.rowCount === 1 ? '' : 's'}
          {model.truncated ? ' (cut at the row or size limit)' : ''} in {model.ms} ms
          {graphSize > 0 ? ` · ${graphSize} entities, ${response.graph.edges.length} links` : ''}
        </p>
        <div className="wb-results-actions">
          <button type="button" className="btn btn--small" onClick={() => void copyTsv()}>
            Copy as TSV
          </button>
          <button type="button" className="btn btn--small" onClick={exportCsv}>
            Export CSV
          </button>
          <button
            type="button"
            className="btn btn--small btn--accent"
            disabled={graphSize === 0}
            title={graphSize === 0 ? 'The rows hold no entities to draw' : 'Draw these entities in the graph'}
            onClick={() => showInGraph(response.graph)}
          >
            Show in graph
          </button>
        </div>
      </div>
      {graphSize > 0 ? (
        <ExportButtons
          label="Graph image"
          name="trove-query-graph"
          caption={run.source.label}
          source="Trove: graph of a query result"
        />
      ) : null}
      <div className="wb-table-wrap" tabIndex={0} aria-label="Result rows (scrollable)">
        <table className="wb-table">
          <thead>
            <tr>
              {model.columns.map((column, index) => {
                const direction = sort?.column === index ? sort.direction : null;
                return (
                  <th key={`${column}-${index}`} aria-sort={direction ?? 'none'} scope="col">
                    <button
                      type="button"
                      className="wb-sort"
                      onClick={() =>
                        setSort({
                          column: index,
                          direction: direction === 'ascending' ? 'descending' : 'ascending',
                        })
                      }
                    >
                      {column}
                      <span aria-hidden="true">
                        {direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
              <th scope="col">
                <span className="sr-only">Open in explorer</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shown).map((row, rowIndex) => {
              const ids = entityIdsInRow(row, known);
              return (
                <tr key={rowIndex}>
                  {row.map((cell, index) => (
                    <td key={index} className={`wb-cell wb-cell--${cell.kind}`} title={csvText(cell)}>
                      {cell.text.length > 300 ? `${cell.text.slice(0, 300)}…` : cell.text}
                    </td>
                  ))}
                  <td className="wb-open">
                    {ids.slice(0, 3).map((id) => (
                      <button
                        key={id}
                        type="button"
                        className="btn btn--small"
                        onClick={() => openInExplorer(id)}
                      >
                        Open<span className="sr-only"> {graphNames.get(id) ?? names[id]?.name ?? id}</span> in
                        explorer
                        {ids.length > 1 ? `: ${graphNames.get(id) ?? id}` : ''}
                      </button>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > shown ? (
        <button type="button" className="btn btn--small" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, rows.length - shown)} more rows
        </button>
      ) : null}
    </section>
  );
}
