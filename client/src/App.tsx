import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { GraphPanel } from './graph/GraphPanel.js';
import { sceneBuilder } from './graph/scene.js';
import { focusDetailsOf } from './details/focus.js';
import { DatabaseStatus } from './health/DatabaseStatus.js';
import { GraphList } from './list/GraphList.js';
import { PlaceAndTime } from './map/PlaceAndTime.js';
import { ReaderPanel } from './reader/ReaderPanel.js';
import { SearchBox } from './search/SearchBox.js';
import { useData } from './state/data.js';
import { useViewData } from './state/loader.js';
import { pickView, useView, type Page } from './state/view.js';
import { Presentation } from './presentation/Presentation.js';
import { useStoryKeys, useStoryScene, useStoryStaging } from './stories/playback.js';
import { announce } from './ui/announce.js';
import { Announcer } from './ui/Announcer.js';
import { SidePanel } from './shell/SidePanel.js';
import { SideSheet } from './shell/SideSheet.js';
import { useNarrow } from './shell/useNarrow.js';
import './shell/shell.css';
import { ThemeToggle } from './ui/ThemeToggle.js';
import { HistoryNotice } from './history/HistoryNotice.js';
import { useUndoKeys } from './history/keys.js';

// The workbench (Cypher editor, metrics) loads only when the Query page is first opened.
const Workbench = lazy(() => import('./workbench/Workbench.js'));
const ResolutionView = lazy(() => import('./resolution/ResolutionView.js'));
const ImportView = lazy(() => import('./imports/ImportView.js'));

/** The header's page buttons, in their order. */
const PAGES: readonly (readonly [Page, string])[] = [
  ['explore', 'Explore'],
  ['query', 'Query'],
  ['resolve', 'Resolve'],
  ['import', 'Import'],
];

export function App() {
  const view = useView(useShallow(pickView));
  const data = useData();
  const storyScene = useStoryScene(view, data);
  // Remembers the scene before the playhead, so a playing timeline does not rebuild the graph.
  const [buildScene] = useState(sceneBuilder);
  const scene = useMemo(() => storyScene ?? buildScene(view, data), [storyScene, view, data, buildScene]);
  useViewData(view, data, scene);
  useStoryStaging(scene);
  useStoryKeys();
  useUndoKeys();
  const narrow = useNarrow();

  // "/" jumps to the search box from anywhere but a text field, as on many search-led sites.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)))
        return;
      event.preventDefault();
      document.querySelector<HTMLInputElement>('.header-search input')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const readerDock = view.reader?.dock ?? null;
  const bottom = view.list || readerDock === 'bottom';

  return (
    <div className={`app ${view.presenting ? 'app--presenting' : ''} ${narrow ? 'app--narrow' : ''}`}>
      <a className="skip-link" href="#workspace">
        Skip to the graph
      </a>
      <header className="app-header">
        <div className="brand">
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" className="brand-mark">
            <circle cx="6" cy="7" r="3" />
            <circle cx="18" cy="6" r="2.5" />
            <circle cx="12" cy="17" r="3.5" />
            <path d="M6 7L18 6M6 7l6 10M18 6l-6 11" />
          </svg>
          <h1>Trove</h1>
        </div>
        <SearchBox
          label="Search entities"
          // A phone has no "/" key to press, and the hint was cut off there.
          placeholder={
            narrow ? 'Search people, places, organizations…' : 'Search people, places, organizations…  ( / )'
          }
          className="header-search"
          clearOnChoose
          onChoose={(chosen) => {
            useView.getState().addToView(chosen.id);
            focusDetailsOf(chosen.id);
            announce(`${chosen.name} is added to the graph and selected; its details follow.`);
          }}
        />
        <div className="page-switch" role="group" aria-label="Page">
          {PAGES.map(([page, label]) => (
            <button
              key={page}
              type="button"
              className="btn"
              aria-pressed={view.page === page}
              onClick={() => useView.getState().setPage(page)}
            >
              {label}
            </button>
          ))}
        </div>
        <div className="header-end">
          <DatabaseStatus />
          <ThemeToggle />
        </div>
      </header>
      <Announcer />
      <HistoryNotice />
      {view.page === 'import' ? (
        <Suspense fallback={<p className="muted">Loading the import…</p>}>
          <ImportView />
        </Suspense>
      ) : null}
      <main
        hidden={view.page === 'import'}
        id="workspace"
        className={`workspace ${readerDock === 'side' ? 'workspace--reader' : ''} ${view.page === 'query' ? 'workspace--query' : ''} ${view.page === 'resolve' ? 'workspace--resolve' : ''}`}
        tabIndex={-1}
      >
        <div className={`centre ${bottom ? 'centre--split' : ''}`}>
          <PlaceAndTime scene={scene}>
            <GraphPanel scene={scene} />
          </PlaceAndTime>
          {bottom ? (
            <div className={`dock-bottom ${view.list && readerDock === 'bottom' ? 'dock-bottom--two' : ''}`}>
              {view.list ? <GraphList scene={scene} /> : null}
              {readerDock === 'bottom' ? <ReaderPanel /> : null}
            </div>
          ) : null}
        </div>
        {readerDock === 'side' ? <ReaderPanel /> : null}
        {view.page === 'resolve' ? (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <ResolutionView />
          </Suspense>
        ) : view.page === 'query' ? (
          <Suspense fallback={<p className="muted workbench">Loading the workbench…</p>}>
            <Workbench scene={scene} />
          </Suspense>
        ) : narrow ? null : (
          <SidePanel scene={scene} />
        )}
      </main>
      {narrow && view.page === 'explore' && !view.presenting ? <SideSheet scene={scene} /> : null}
      {view.presenting ? <Presentation /> : null}
    </div>
  );
}
