import { DetailsPanel } from '../details/DetailsPanel.js';
import { FiltersPanel } from '../filters/FiltersPanel.js';
import type { Scene } from '../graph/scene.js';
import { PathFinder } from '../paths/PathFinder.js';
import { StoriesPanel } from '../stories/StoriesPanel.js';
import { TimelinePanel } from '../timeline/TimelinePanel.js';
import { useView, type SideTab } from '../state/view.js';
import { TabList } from '../ui/TabList.js';

const TABS: { id: SideTab; label: string }[] = [
  { id: 'details', label: 'Details' },
  { id: 'paths', label: 'Paths' },
  { id: 'filters', label: 'Filters' },
  { id: 'stories', label: 'Stories' },
  { id: 'timeline', label: 'Timeline' },
];

/** Details, path finder and filters as tabs (WAI-ARIA tabs: arrows move between them). */
export function SidePanel({ scene }: { scene: Scene }) {
  const tab = useView((s) => s.tab);
  const setTab = useView((s) => s.setTab);
  const filtersOn = useView((s) => {
    const f = s.filters;
    return (
      f.hiddenKinds.length +
      f.hiddenRels.length +
      f.hiddenStances.length +
      (f.yearFrom ? 1 : 0) +
      (f.yearTo ? 1 : 0)
    );
  });

  return (
    <aside className="side-panel" aria-label="Side panel">
      <TabList
        tabs={TABS}
        current={tab}
        choose={setTab}
        label="Side panel"
        badge={(id) =>
          id === 'filters' && filtersOn > 0 ? <span className="tab-badge">{filtersOn}</span> : null
        }
      />
      {/* All three panels stay mounted (hidden when not chosen), so each tab's aria-controls points at
          a real panel and a half-typed path query survives a look at the details. */}
      {TABS.map((t) => (
        <div
          key={t.id}
          className="tab-panel"
          role="tabpanel"
          id={`panel-${t.id}`}
          aria-labelledby={`tab-${t.id}`}
          hidden={tab !== t.id}
        >
          {t.id === 'details' ? (
            <DetailsPanel scene={scene} />
          ) : t.id === 'paths' ? (
            <PathFinder />
          ) : t.id === 'stories' ? (
            <StoriesPanel scene={scene} />
          ) : t.id === 'timeline' ? (
            <TimelinePanel />
          ) : (
            <FiltersPanel scene={scene} />
          )}
        </div>
      ))}
    </aside>
  );
}
