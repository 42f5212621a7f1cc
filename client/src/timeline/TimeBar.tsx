import { useEffect, useMemo, useRef, useState } from 'react';
import type { Scene } from '../graph/scene.js';
import { useData } from '../state/data.js';
import { flushUrl } from '../state/url.js';
import { useView } from '../state/view.js';
import { announce } from '../ui/announce.js';
import { plural } from '../ui/format.js';
import { axisOf, spanOf } from './axis.js';
import { edgeTime, monthSteps, untilText } from './play.js';
import { exposeTimeBench } from './bench.js';
import './timebar.css';

exposeTimeBench();

const SPEEDS = [1, 2, 4, 8] as const;
/** Months per second at 1×: a year in six seconds. */
const BASE_RATE = 2;

/** `2016` stands for its last month on the slider; a month for itself. */
function stepOf(until: string, steps: readonly string[]): number {
  const month = until.length === 4 ? `${until}-12` : until.slice(0, 7);
  const index = steps.indexOf(month);
  if (index >= 0) return index;
  return month < (steps[0] ?? '') ? 0 : steps.length - 1;
}

/**
 * The time slider over the graph and the map: a playhead that plays month by month, showing what
 * was known or happening by then (things dated later leave the graph and the map; undated ones stay,
 * set apart in the timeline). The playhead is the view's `until` filter, so it is in the URL.
 */
export function TimeBar({
  scene,
  until,
  story,
  map,
}: {
  scene: Scene;
  until: string | null;
  /** A story step sets the playhead itself: the controls show it and do not move it. */
  story: boolean;
  map: boolean;
}) {
  const nodes = useData((s) => s.nodes);
  const edges = useData((s) => s.edges);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);

  const steps = useMemo(() => {
    const spans = [
      ...Object.values(nodes).flatMap((n) => (n.date ? [spanOf(n.date)] : [])),
      ...Object.values(edges).flatMap((e) => {
        const time = edgeTime(e);
        return time ? [spanOf(time)] : [];
      }),
    ];
    if (spans.length === 0) return [];
    const axis = axisOf(spans);
    return monthSteps(axis.from, axis.to);
  }, [nodes, edges]);

  const index = until === null ? steps.length - 1 : stepOf(until, steps);
  const setUntil = (value: string | null) => useView.getState().setFilters({ until: value });

  const indexRef = useRef(index);
  indexRef.current = index;
  useEffect(() => {
    if (!playing || story) return;
    const timer = window.setInterval(
      () => {
        const next = indexRef.current + 1;
        if (next >= steps.length) {
          setPlaying(false);
          flushUrl();
          announce(`The timeline reached ${untilText(steps.at(-1) ?? '')}.`);
          return;
        }
        setUntil(steps[next] ?? null);
      },
      1000 / (BASE_RATE * speed),
    );
    return () => window.clearInterval(timer);
  }, [playing, speed, steps, story]);

  const play = () => {
    if (playing) {
      setPlaying(false);
      // The URL follows a playing timeline a few times a second; paused, it is exact at once.
      flushUrl();
      announce(`Paused at ${until ? untilText(until) : 'the end'}.`);
      return;
    }
    // From the start when nothing is set or the end was reached, else from where it stands.
    if (until === null || index >= steps.length - 1) setUntil(steps[0] ?? null);
    setPlaying(true);
  };

  if (steps.length === 0) return null;
  const label = until === null ? 'All dates' : `By ${untilText(until)}`;

  return (
    <div className="timebar" role="group" aria-label="Time and place">
      <button
        type="button"
        className="btn"
        aria-pressed={map}
        onClick={() => useView.getState().toggleMap()}
        title="The places of the graph on a map"
      >
        Map
      </button>
      <button
        type="button"
        className="btn timebar-play"
        onClick={play}
        disabled={story}
        aria-label={playing ? 'Pause the timeline' : 'Play the timeline'}
      >
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? 'Pause' : 'Play'}
      </button>
      <label className="timebar-slider">
        <span className="sr-only">Playhead</span>
        <input
          type="range"
          min={0}
          max={steps.length - 1}
          step={1}
          value={index}
          disabled={story}
          aria-valuetext={label}
          onChange={(event) => {
            setPlaying(false);
            setUntil(steps[Number(event.target.value)] ?? null);
          }}
        />
      </label>
      <output className="timebar-label" aria-live={playing ? 'off' : 'polite'}>
        {label}
        {story && until !== null ? ' (this step)' : ''}
      </output>
      <label className="timebar-speed">
        <span>Speed</span>
        <select
          value={speed}
          onChange={(event) => setSpeed(Number(event.target.value) as (typeof SPEEDS)[number])}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      {until !== null && !story ? (
        <button
          type="button"
          className="btn btn--small"
          onClick={() => {
            setPlaying(false);
            setUntil(null);
            flushUrl();
            announce('The graph and the map show every date again.');
          }}
        >
          All dates
        </button>
      ) : null}
      <span className="timebar-count muted">
        {plural(scene.nodes.length, 'entity', 'entities')}, {plural(scene.edges.length, 'link')}
      </span>
    </div>
  );
}
