import type { Scene } from '../graph/scene.js';
import { SchemaView } from '../schema-view/SchemaView.js';
import { useView, type WorkbenchTab } from '../state/view.js';
import { TabList } from '../ui/TabList.js';
import { ExportPanel } from './ExportPanel.js';
import { MetricsPanel } from './MetricsPanel.js';
import { QueryPanel } from './QueryPanel.js';
import { ResultsView } from './ResultsView.js';
import { TemplatesPanel } from './TemplatesPanel.js';
import './workbench.css';

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
  const showsResults = tab === 'query' || tab === 'templates';

  return (
    <aside className="workbench" aria-label="Query workbench">
      <TabList
        tabs={TABS}
        current={tab}
        choose={(id) => setWorkbench({ tab: id })}
        label="Workbench"
        prefix="wb"
      />
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
