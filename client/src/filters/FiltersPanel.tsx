import type { EntityKind, Stance } from '../api/types.js';
import { countKinds, StanceSample } from '../legend/Legend.js';
import './filters.css';
import type { Scene } from '../graph/scene.js';
import { retryFailed, useData } from '../state/data.js';
import { defaultFilters, useView } from '../state/view.js';
import { plural } from '../ui/format.js';
import { verb } from '../words/relations.js';
import { KindIcon } from '../ui/KindIcon.js';
import { KIND_STYLE, STANCE_STYLE } from '../ui/kinds.js';

const toggle = <T,>(list: readonly T[], item: T): T[] =>
  list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

/** Kinds, relationship types, stances and years, from GET /api/vocabulary; applied to the graph at once. */
export function FiltersPanel({ scene }: { scene: Scene }) {
  const filters = useView((s) => s.filters);
  const vocabulary = useData((s) => s.vocabulary);
  const actions = useView.getState();
  const changed = JSON.stringify(filters) !== JSON.stringify(defaultFilters);
  const shownKinds = countKinds(scene.nodes);

  if (!vocabulary || vocabulary.status === 'loading') {
    return (
      <section className="filters" aria-label="Filters">
        <p className="muted">
          <span className="spinner spinner--small" aria-hidden="true" /> Loading the vocabulary…
        </p>
      </section>
    );
  }
  if (vocabulary.status === 'error') {
    return (
      <section className="filters" aria-label="Filters">
        <div className="error-box" role="alert">
          <p>The filters could not be loaded: {vocabulary.error.message}</p>
          <button type="button" className="btn btn--small" onClick={retryFailed}>
            Try again
          </button>
        </div>
      </section>
    );
  }
  const vocab = vocabulary.data;
  const minYear = vocab.years.min ? Number(vocab.years.min.slice(0, 4)) : null;
  const maxYear = vocab.years.max ? Number(vocab.years.max.slice(0, 4)) : null;
  const years =
    minYear !== null && maxYear !== null && maxYear >= minYear
      ? Array.from({ length: maxYear - minYear + 1 }, (_, i) => minYear + i)
      : [];
  const relTypes = [...vocab.relationshipTypes].sort((a, b) => a.type.localeCompare(b.type));

  return (
    <section className="filters" aria-label="Filters">
      <div className="filters-head">
        <p className="filters-count" role="status">
          Showing {plural(scene.nodes.length, 'node')} of {scene.totalNodes},{' '}
          {plural(scene.edges.length, 'link')} of {scene.totalEdges}
        </p>
        <button
          type="button"
          className="btn btn--small"
          onClick={() => actions.resetFilters()}
          disabled={!changed}
        >
          Reset filters
        </button>
      </div>

      <fieldset className="filter-group">
        <legend>Kinds of entity</legend>
        {vocab.kinds.map(({ kind, count }) => (
          <label key={kind} className="check">
            <input
              type="checkbox"
              checked={!filters.hiddenKinds.includes(kind)}
              onChange={() =>
                actions.setFilters({ hiddenKinds: toggle<EntityKind>(filters.hiddenKinds, kind) })
              }
            />
            <KindIcon kind={kind} />
            <span>{KIND_STYLE[kind].plural}</span>
            <span className="count">
              {shownKinds.get(kind) ?? 0} of {count} shown
            </span>
          </label>
        ))}
      </fieldset>

      <fieldset className="filter-group">
        <legend>Who asserts it</legend>
        {vocab.stances.map(({ stance, count }) => (
          <label key={stance} className="check" title={STANCE_STYLE[stance].hint}>
            <input
              type="checkbox"
              checked={!filters.hiddenStances.includes(stance)}
              onChange={() =>
                actions.setFilters({ hiddenStances: toggle<Stance>(filters.hiddenStances, stance) })
              }
            />
            <StanceSample stance={stance} />
            <span>{STANCE_STYLE[stance].label}</span>
            <span className="count">{count}</span>
          </label>
        ))}
      </fieldset>

      <fieldset className="filter-group">
        <legend>Dates</legend>
        {years.length === 0 ? (
          <p className="muted">No dated links.</p>
        ) : (
          <div className="date-range">
            <YearSelect
              label="From"
              years={years}
              value={filters.yearFrom}
              onChange={(yearFrom) => actions.setFilters({ yearFrom })}
            />
            <YearSelect
              label="to"
              years={years}
              value={filters.yearTo}
              onChange={(yearTo) => actions.setFilters({ yearTo })}
            />
          </div>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={filters.undated}
            onChange={(e) => actions.setFilters({ undated: e.target.checked })}
          />
          <span>Keep undated links and entities when a range is set</span>
        </label>
      </fieldset>

      <fieldset className="filter-group">
        <legend>Relationship types</legend>
        <div className="filter-bulk">
          <button
            type="button"
            className="link-button"
            onClick={() => actions.setFilters({ hiddenRels: [] })}
            disabled={filters.hiddenRels.length === 0}
          >
            All
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => actions.setFilters({ hiddenRels: relTypes.map((r) => r.type) })}
          >
            None
          </button>
        </div>
        <div className="rel-types">
          {relTypes.map(({ type, count, description }) => (
            <label key={type} className="check" title={description ?? undefined}>
              <input
                type="checkbox"
                checked={!filters.hiddenRels.includes(type)}
                onChange={() => actions.setFilters({ hiddenRels: toggle(filters.hiddenRels, type) })}
              />
              <span>{verb(type)}</span>
              <span className="count">{count}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}

/** One end of the date range: a year that occurs in the data, or any. */
function YearSelect({
  label,
  years,
  value,
  onChange,
}: {
  label: string;
  years: readonly number[];
  value: number | null;
  onChange: (year: number | null) => void;
}) {
  return (
    <label>
      {label}{' '}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        <option value="">any year</option>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </label>
  );
}
