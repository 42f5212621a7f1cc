import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { sourceLine, sourceName, useSources } from '../export/sources.js';
import { Legend } from '../legend/Legend.js';
import { buildScene } from '../graph/scene.js';
import { useGraphCanvas } from '../graph/useGraphCanvas.js';
import { useData } from '../state/data.js';
import { useViewData } from '../state/loader.js';
import { viewToSearch } from '../state/url.js';
import { pickView, useView } from '../state/view.js';
import {
  goToStep,
  useActiveStep,
  useStoryKeys,
  useStoryScene,
  useStoryStaging,
} from '../stories/playback.js';
import { StepProgress } from '../stories/StoriesPanel.js';
import { plural } from '../ui/format.js';
import './embed.css';

/** True on /embed: the same page, read-only, sized to the frame it is embedded in. */
export function isEmbed(pathname: string): boolean {
  return pathname.replace(/\/+$/, '') === '/embed';
}

/**
 * The read-only page for iframes: a story step (/embed?story=…&step=…) or any view
 * (/embed?<view parameters>), with stepping and a link to open it in Trove, and no editing at all.
 */
export function EmbedApp() {
  const view = useView(useShallow(pickView));
  const data = useData();
  const storyScene = useStoryScene(view, data);
  const scene = useMemo(() => storyScene ?? buildScene(view, data), [storyScene, view, data]);
  useViewData(view, data, scene);
  useStoryKeys();
  const active = useActiveStep();
  const sources = useSources();
  const containerRef = useRef<HTMLDivElement>(null);
  useGraphCanvas(
    containerRef,
    scene,
    {
      layout: view.layout,
      selected: view.selected,
      selectedEdge: view.selectedEdge,
      pinned: view.pinned,
      storyMode: view.story !== null,
    },
    {
      selectNode: (id) => useView.getState().select(id),
      selectEdge: (id) => useView.getState().selectEdge(id),
      toggleExpand: () => undefined,
      hover: () => undefined,
    },
  );
  // After the canvas's own effects: a step is staged once its elements are drawn.
  useStoryStaging(scene);

  const story = active?.story ?? null;
  const step = active?.step ?? null;
  const index = active?.index ?? 0;
  const openUrl = `/${viewToSearch({ ...view, presenting: false })}`;

  return (
    <div className="embed">
      <main className="embed-main">
        {story && step ? (
          <header className="embed-caption">
            <p className="embed-story">{story.title}</p>
            <h1 className="embed-title">{step.title}</h1>
            {step.caption ? <p className="embed-text">{step.caption}</p> : null}
          </header>
        ) : (
          <header className="embed-caption">
            <h1 className="embed-title">Trove</h1>
            <p className="embed-text">
              {plural(scene.nodes.length, 'entity', 'entities')} and {plural(scene.edges.length, 'link')} of
              the article graph.
            </p>
          </header>
        )}
        <section className="embed-graph" aria-label="Relationship graph">
          <div
            ref={containerRef}
            className="graph-canvas"
            role="img"
            aria-label={graphLabel(scene.nodes.map((n) => n.name))}
          />
          {scene.loading && scene.nodes.length === 0 ? (
            <p className="embed-loading">Loading the graph…</p>
          ) : null}
          {active?.error ? (
            <p role="alert" className="embed-loading">
              {active.error}
            </p>
          ) : null}
        </section>
        <footer className="embed-footer">
          {step?.quote ? (
            <figure className="embed-quote">
              <blockquote>“{step.quote.quote}”</blockquote>
              <figcaption>— {sourceName(step.quote.sourceId, sources)}</figcaption>
            </figure>
          ) : (
            <p className="embed-source muted">{sourceLine(null, sources)}</p>
          )}
          <div className="embed-nav">
            {story ? (
              <>
                <button
                  type="button"
                  className="btn btn--small"
                  disabled={index === 0}
                  onClick={() => goToStep(story, index - 1)}
                >
                  ← Previous
                </button>
                <StepProgress index={index} count={active?.count ?? 0} />
                <button
                  type="button"
                  className="btn btn--small"
                  disabled={index >= (active?.count ?? 1) - 1}
                  onClick={() => goToStep(story, index + 1)}
                >
                  Next →
                </button>
              </>
            ) : null}
            <a className="embed-open" href={openUrl} target="_blank" rel="noopener">
              Open in Trove<span className="sr-only"> (new tab)</span>
            </a>
          </div>
        </footer>
      </main>
      <Legend />
    </div>
  );
}

function graphLabel(names: string[]): string {
  if (names.length === 0) return 'Graph (empty)';
  const shown = names.slice(0, 12).join(', ');
  return `Graph of ${plural(names.length, 'entity', 'entities')}: ${shown}${names.length > 12 ? ', and more' : ''}`;
}
