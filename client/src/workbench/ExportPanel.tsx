import { queryString } from '../api/http.js';
import type { EntityKind, Stance } from '../api/types.js';
import { ExportButtons } from '../export/ExportButtons.js';
import { useData } from '../state/data.js';
import { useView, type Filters } from '../state/view.js';
import { KINDS } from '../ui/kinds.js';

const STANCES: readonly Stance[] = ['reported', 'claimed', 'disputed', 'denied'];

/**
 * The page's filters as GET /api/export's: the page names what it hides, the API what it keeps, so
 * hidden kinds, types and stances become the complement. Years become whole-year date bounds.
 */
export function exportFilters(filters: Filters, relationshipTypes: readonly string[]) {
  const keep = <T extends string>(all: readonly T[], hidden: readonly T[]) =>
    hidden.length ? all.filter((x) => !hidden.includes(x)) : undefined;
  return {
    types: keep<EntityKind>(KINDS, filters.hiddenKinds),
    rels: relationshipTypes.length ? keep(relationshipTypes, filters.hiddenRels) : undefined,
    stance: keep(STANCES, filters.hiddenStances),
    from: filters.yearFrom === null ? undefined : String(filters.yearFrom),
    to: filters.yearTo === null ? undefined : String(filters.yearTo),
  };
}

const FORMATS = [
  { format: 'json', label: 'JSON', note: 'the graph payload: nodes and edges with evidence' },
  { format: 'graphml', label: 'GraphML', note: 'opens in Gephi, yEd, Cytoscape desktop' },
  {
    format: 'geojson',
    label: 'GeoJSON',
    note: 'the located places and events, with their precision, for QGIS or any map tool',
  },
  {
    format: 'csv',
    label: 'neo4j-admin CSV (zip)',
    note: 'nodes.csv and relationships.csv for neo4j-admin import',
  },
  {
    format: 'neo4j-admin',
    label: 'whole store for neo4j-admin (zip)',
    note: 'every node, relationship and property (sources, mentions, stories too; filters do not apply), to import back exactly',
  },
] as const;

export function ExportPanel() {
  const filters = useView((s) => s.filters);
  const vocabulary = useData((s) => s.vocabulary);
  const types = vocabulary?.data?.relationshipTypes.map((t) => t.type) ?? [];
  const params = exportFilters(filters, types);
  const filtered = Object.values(params).some((value) => value !== undefined);
  return (
    <div className="wb-export">
      <h3 className="panel-heading">The graph as a file</h3>
      <p className="muted">
        {filtered
          ? 'With the filters set in the explorer (hidden kinds, types, stances and years are left out).'
          : 'The whole graph: no filters are set in the explorer.'}
      </p>
      <ul className="wb-export-list">
        {FORMATS.map(({ format, label, note }) => (
          <li key={format}>
            <a className="btn" href={`/api/export${queryString({ format, ...params })}`} download>
              Download {label}
            </a>{' '}
            <span className="muted">{note}</span>
          </li>
        ))}
      </ul>
      <h3 className="panel-heading">The view as an image</h3>
      <ExportButtons
        label="Graph view"
        name="trove-graph"
        caption="Trove"
        source="Trove: what the graph shows"
      />
    </div>
  );
}
