import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { ExportButtons } from '../export/ExportButtons.js';
import { downloadBlob } from '../export/image.js';
import { useData } from '../state/data.js';
import { announce } from '../ui/announce.js';
import { entityIdsInRow, openInExplorer, showInGraph } from './graph.js';
import {
  csvText,
  relationshipEnds,
  sortRows,
  toCsv,
  toTableModel,
  type Cell,
  type SortDirection,
} from './results.js';
import { useRun } from './run.js';
import type { CypherResponseT } from './api.js';

/** A first guess at a row's height; each drawn row is measured, since long cells wrap. */
const ROW_ESTIMATE = 30;

function toTsv(columns: readonly string[], rows: readonly { text: string }[][]): string {
  const clean = (text: string) => text.replace(/[\t\r\n]+/g, ' ');
  return [columns.map(clean).join('\t'), ...rows.map((row) => row.map((c) => clean(c.text)).join('\t'))].join(
    '\n',
  );
}

export function ResultsView() {
  const run = useRun((s) => s.run);
  const [sort, setSort] = useState<{ column: number; direction: SortDirection } | null>(null);
  const names = useData((s) => s.nodes);
  const response = run.status === 'done' ? run.response : null;
  const model = useMemo(() => (response ? toTableModel(response) : null), [response]);
  const [lastModel, setLastModel] = useState(model);
  if (model !== lastModel) {
    setLastModel(model);
    setSort(null);
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
      new Blob([toCsv({ columns: model.columns, rows }, relationshipEnds(response))], { type: 'text/csv' }),
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
      <Notifications notifications={response.notifications} />
      <ResultsTable
        columns={model.columns}
        rows={rows}
        sort={sort}
        setSort={setSort}
        idsOf={(row) => entityIdsInRow(row, known)}
        nameOf={(id) => graphNames.get(id) ?? names[id]?.name ?? id}
      />
    </section>
  );
}

/** Neo4j's warnings about a query that ran (an unknown label, a cartesian product), in its words. */
function Notifications({ notifications }: { notifications: CypherResponseT['notifications'] }) {
  if (notifications.length === 0) return null;
  return (
    <div className="wb-warnings" role="status" aria-label="Neo4j warnings">
      {notifications.map((n, index) => (
        <p key={`${n.code}-${index}`} className="wb-warning">
          <strong>Neo4j warns:</strong> {n.title}
          {n.position ? ` (line ${n.position.line}, column ${n.position.column})` : ''}{' '}
          <span className="wb-warning-detail">{n.description}</span>
        </p>
      ))}
    </div>
  );
}

/**
 * The rows in a table that scrolls inside its panel; only the rows in view (and a few around them)
 * are in the page, so 1,000 rows draw as fast as 30. Spacer rows above and below keep the scroll
 * height, and the header and the "Open in explorer" column stay in place while scrolling.
 */
function ResultsTable({
  columns,
  rows,
  sort,
  setSort,
  idsOf,
  nameOf,
}: {
  columns: readonly string[];
  rows: readonly Cell[][];
  sort: { column: number; direction: SortDirection } | null;
  setSort(sort: { column: number; direction: SortDirection }): void;
  idsOf(row: readonly Cell[]): string[];
  nameOf(id: string): string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const width = columns.length + 1;

  return (
    <div
      className="wb-table-wrap"
      ref={scroller}
      tabIndex={0}
      aria-label={`Result rows (scrollable, ${rows.length} rows)`}
    >
      <table className="wb-table" aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column, index) => {
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
            <th scope="col" className="wb-open">
              <span className="sr-only">Open in explorer</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {before > 0 ? (
            <tr aria-hidden="true" className="wb-spacer">
              <td colSpan={width} style={{ height: before }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index] ?? [];
            const ids = idsOf(row);
            return (
              <tr
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                aria-rowindex={item.index + 2}
              >
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
                      Open<span className="sr-only"> {nameOf(id)}</span> in explorer
                      {ids.length > 1 ? `: ${nameOf(id)}` : ''}
                    </button>
                  ))}
                </td>
              </tr>
            );
          })}
          {after > 0 ? (
            <tr aria-hidden="true" className="wb-spacer">
              <td colSpan={width} style={{ height: after }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
