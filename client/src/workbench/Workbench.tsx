import { useRef, type KeyboardEvent } from 'react';
import type { Scene } from '../graph/scene.js';
import { SchemaView } from '../schema-view/SchemaView.js';
import { useView, type WorkbenchTab } from '../state/view.js';
import { ExportPanel } from './ExportPanel.js';
import { MetricsPanel } from './MetricsPanel.js';
import { QueryPanel } from './QueryPanel.js';
import { ResultsView } from './ResultsView.js';
import { TemplatesPanel } from './TemplatesPanel.js';

const TABS: { id: WorkbenchTab; label: string }[] = [
  { id: 'query', label: 'Cypher' },
  { id: 'templates', label: 'Templates' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'schema', label: 'Schema' },
  { id: 'export', label: 'Export' },
];

/** The analyst's workbench beside the explorer's graph: console, templates, metrics, schema, exports. */
export default function Workbench({ scene }: { scene: Scene }) {
  const tab = useView((s) => s.workbench.tab);
  const setWorkbench = useView((s) => s.setWorkbench);
  const refs = useRef<Partial<Record<WorkbenchTab, HTMLButtonElement | null>>>({});
  const showsResults = tab === 'query' || tab === 'templates';

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.findIndex((t) => t.id === tab);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % TABS.length,
      ArrowLeft: (index - 1 + TABS.length) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const id = TABS[next]?.id ?? 'query';
    setWorkbench({ tab: id });
    refs.current[id]?.focus();
  };

  return (
    <aside className="workbench" aria-label="Query workbench">
      <div className="tabs" role="tablist" aria-label="Workbench" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`wbtab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`wbpanel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="tab"
            onClick={() => setWorkbench({ tab: t.id })}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="workbench-body">
        {TABS.map((t) => (
          <div
            key={t.id}
            className="wb-panel"
            role="tabpanel"
            id={`wbpanel-${t.id}`}
            aria-labelledby={`wbtab-${t.id}`}
            hidden={tab !== t.id}
          >
            {tab !== t.id ? null : t.id === 'query' ? (
              <QueryPanel />
            ) : t.id === 'templates' ? (
              <TemplatesPanel />
            ) : t.id === 'metrics' ? (
              <MetricsPanel scene={scene} />
            ) : t.id === 'schema' ? (
              <SchemaView />
            ) : (
              <ExportPanel />
            )}
          </div>
        ))}
        {showsResults ? <ResultsView /> : null}
      </div>
    </aside>
  );
}
