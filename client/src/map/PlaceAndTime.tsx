import { lazy, Suspense, type ReactNode } from 'react';
import type { Scene } from '../graph/scene.js';
import { useView } from '../state/view.js';
import { useActiveStep } from '../stories/playback.js';
import { TimeBar } from '../timeline/TimeBar.js';

// d3-geo and Natural Earth's outlines load with the map, not with the page.
const MapPanel = lazy(() => import('./MapPanel.js'));

/**
 * The graph with the time slider above it and, when open, the map beside it. A story step decides
 * both for itself (`view: 'map'`, `until`); otherwise the view's own settings (in the URL) do.
 */
export function PlaceAndTime({ scene, children }: { scene: Scene; children: ReactNode }) {
  const mapOpen = useView((s) => s.map === true);
  const ownUntil = useView((s) => s.filters.until ?? null);
  const active = useActiveStep();
  const step = active?.step ?? null;
  const map = mapOpen || step?.view === 'map';
  const until = step ? (step.until ?? null) : ownUntil;
  return (
    <div className="place-time">
      <TimeBar scene={scene} until={until} story={step !== null} map={map} />
      <div className={`place-time-row ${map ? 'place-time-row--map' : ''}`}>
        {children}
        {map ? (
          <Suspense fallback={<p className="muted map-panel">Loading the map…</p>}>
            <MapPanel scene={scene} until={until} />
          </Suspense>
        ) : null}
      </div>
    </div>
  );
}
