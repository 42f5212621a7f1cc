import type { StylesheetJson } from 'cytoscape';
import { KIND_STYLE, KINDS } from '../ui/kinds.js';
import { LABEL_PX, largeMinZoomedFontSize } from './labels.js';

export type Theme = 'light' | 'dark';

const PALETTE = {
  light: {
    bg: '#fbfaf7',
    fg: '#1d1d1f',
    muted: '#6b6b76',
    edge: '#8b8b97',
    accent: '#0060a0',
    halo: '#0072B2',
    claimed: '#a87200',
    disputed: '#aa4499',
    denied: '#c24e00',
  },
  dark: {
    bg: '#16171b',
    fg: '#ecebe8',
    muted: '#a3a3ad',
    edge: '#7d7e8a',
    accent: '#7cc4f0',
    halo: '#56B4E9',
    claimed: '#f0b440',
    disputed: '#e28ac7',
    denied: '#ff8a4c',
  },
} as const;

/** What the timeline's playhead has not reached is not drawn (controller.showUntil). */
const PLAYHEAD_STYLE = { selector: '.time-hidden', style: { display: 'none' } } as const;

/**
 * The graph's styles. Text is sized for the screen: `zoom` is the camera's zoom and every text size
 * is divided by it, so labels stay `labelPx` tall whatever the zoom (see labels.ts for which show).
 * A large graph (`large`, see detail.ts) is drawn with less: its styles do not follow the zoom.
 */
export function graphStyle(theme: Theme, zoom = 1, labelPx = LABEL_PX, large = false): StylesheetJson {
  if (large) return largeGraphStyle(theme, labelPx);
  const c = PALETTE[theme];
  const z = zoom > 0 ? zoom : 1;
  return [
    {
      selector: 'node',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(label)',
        'font-size': labelPx / z,
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        color: c.fg,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 3 / z,
        'text-wrap': 'wrap',
        'text-max-width': `${(labelPx * 11) / z}px`,
        'text-background-color': c.bg,
        'text-background-opacity': 0.78,
        'text-background-padding': `${2 / z}px`,
        'text-background-shape': 'roundrectangle',
        'border-width': 1.5,
        'overlay-opacity': 0,
        'transition-property': 'opacity',
        'transition-duration': 150,
      },
    },
    ...KINDS.map((kind) => ({
      selector: `node[kind = "${kind}"]`,
      style: {
        'background-color': KIND_STYLE[kind].color,
        'border-color': KIND_STYLE[kind].border,
        shape: KIND_STYLE[kind].shape,
      },
    })),
    { selector: 'node.official', style: { 'border-width': 3, 'border-style': 'double' } },
    { selector: 'node.has-more', style: { 'border-style': 'dashed', 'border-width': 2.5 } },
    {
      selector: 'node.pinned',
      style: { 'border-color': c.fg, 'border-width': 3.5, 'border-style': 'solid' },
    },
    {
      selector: 'edge',
      style: {
        width: 1.6,
        'line-color': c.edge,
        'target-arrow-color': c.edge,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        'curve-style': 'bezier',
        opacity: 0.9,
        'font-size': (labelPx - 1) / z,
        color: c.fg,
        'text-rotation': 'autorotate',
        'text-background-color': c.bg,
        'text-background-opacity': 0.9,
        'text-background-padding': `${2 / z}px`,
        'text-background-shape': 'roundrectangle',
        'overlay-opacity': 0,
        'transition-property': 'opacity',
        'transition-duration': 150,
      },
    },
    {
      selector: 'edge[stance = "claimed"]',
      style: {
        'line-style': 'dashed',
        'line-dash-pattern': [7, 4],
        'line-color': c.claimed,
        'target-arrow-color': c.claimed,
      },
    },
    {
      selector: 'edge[stance = "disputed"]',
      style: {
        'line-style': 'dotted',
        'line-color': c.disputed,
        'target-arrow-color': c.disputed,
        width: 2.2,
      },
    },
    {
      selector: 'edge[stance = "denied"]',
      style: {
        'line-style': 'dotted',
        'line-color': c.denied,
        'target-arrow-color': c.denied,
        'target-arrow-shape': 'tee',
        width: 2.2,
      },
    },
    { selector: 'edge.show-label', style: { label: 'data(label)', 'z-index': 20 } },
    // A link bent around a node it would otherwise cross (routing.ts).
    {
      selector: 'edge.bent',
      style: {
        'curve-style': 'unbundled-bezier',
        'control-point-distances': 'data(bend)',
        'control-point-weights': 0.5,
      },
    },
    // Labels that would collide with a more important one wait for a closer zoom (labels.ts).
    { selector: 'node.label-off', style: { 'text-opacity': 0 } },
    { selector: 'node.label-top', style: { 'text-valign': 'top', 'text-margin-y': -3 / z } },
    { selector: '.faded', style: { opacity: 0.14 } },
    { selector: 'node.hover, node.neighbor', style: { 'z-index': 30 } },
    { selector: 'edge.hover-edge', style: { width: 3, opacity: 1, 'z-index': 25 } },
    {
      selector: 'node.selected-node',
      style: {
        'underlay-color': c.halo,
        'underlay-opacity': 0.35,
        'underlay-padding': 7,
        'underlay-shape': 'ellipse',
        'font-weight': 'bold',
        'z-index': 40,
      },
    },
    { selector: 'edge.selected-edge', style: { width: 4, 'z-index': 40, opacity: 1 } },
    { selector: '.path-dim', style: { opacity: 0.16 } },
    { selector: 'edge.in-paths', style: { width: 2.6, opacity: 0.75 } },
    {
      selector: 'edge.on-path',
      style: {
        width: 5,
        opacity: 1,
        'line-color': c.accent,
        'target-arrow-color': c.accent,
        label: 'data(label)',
        'z-index': 50,
      },
    },
    {
      selector: 'node.on-path',
      style: {
        'underlay-color': c.accent,
        'underlay-opacity': 0.3,
        'underlay-padding': 6,
        'underlay-shape': 'ellipse',
        'z-index': 45,
      },
    },
    ...groupStyles(theme, z, labelPx),
    PLAYHEAD_STYLE,
  ];
}

/**
 * Level of detail for a graph of thousands of elements, where every frame of a pan draws all of them:
 * straight links drawn as one line each (haystack: no arrows, no curve to compute), one line of text
 * with no background box, labels sized in the graph's units so that a zoom never restyles 20k
 * elements, and drawn only from the zoom that shows them at their full size (labels.ts,
 * largeMinZoomedFontSize); no underlays, no fading transitions. The stance of a link keeps its colour; the
 * dash patterns, costly to stroke, wait for a closer look at a smaller graph.
 */
function largeGraphStyle(theme: Theme, labelPx: number): StylesheetJson {
  const c = PALETTE[theme];
  return [
    {
      selector: 'node',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(label)',
        'font-size': labelPx,
        'min-zoomed-font-size': largeMinZoomedFontSize(labelPx),
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        color: c.fg,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 3,
        'text-outline-width': 0,
        'border-width': 1,
        'overlay-opacity': 0,
      },
    },
    ...KINDS.map((kind) => ({
      selector: `node[kind = "${kind}"]`,
      style: {
        'background-color': KIND_STYLE[kind].color,
        'border-color': KIND_STYLE[kind].border,
        shape: KIND_STYLE[kind].shape,
      },
    })),
    { selector: 'node.pinned', style: { 'border-color': c.fg, 'border-width': 3 } },
    {
      selector: 'edge',
      style: {
        width: 1,
        'line-color': c.edge,
        'curve-style': 'haystack',
        'haystack-radius': 0,
        'font-size': labelPx,
        'min-zoomed-font-size': largeMinZoomedFontSize(labelPx),
        color: c.fg,
        'overlay-opacity': 0,
      },
    },
    { selector: 'edge[stance = "claimed"]', style: { 'line-color': c.claimed } },
    { selector: 'edge[stance = "disputed"]', style: { 'line-color': c.disputed } },
    { selector: 'edge[stance = "denied"]', style: { 'line-color': c.denied } },
    { selector: 'edge.show-label', style: { label: 'data(label)', 'z-index': 20 } },
    { selector: 'node.label-off', style: { 'text-opacity': 0 } },
    { selector: '.faded', style: { opacity: 0.14 } },
    { selector: 'edge.hover-edge', style: { width: 2.5, 'z-index': 25 } },
    {
      selector: 'node.selected-node',
      style: { 'border-color': c.halo, 'border-width': 5, 'font-weight': 'bold', 'z-index': 40 },
    },
    { selector: 'edge.selected-edge', style: { width: 3, 'line-color': c.halo, 'z-index': 40 } },
    { selector: '.path-dim', style: { opacity: 0.16 } },
    {
      selector: 'edge.on-path',
      style: { width: 4, 'line-color': c.accent, label: 'data(label)', 'z-index': 50 },
    },
    { selector: 'node.on-path', style: { 'border-color': c.accent, 'border-width': 5, 'z-index': 45 } },
    ...groupStyles(theme, 0, labelPx),
    PLAYHEAD_STYLE,
  ];
}

/**
 * Groups of a graph too large to draw whole (groups.ts): one node per group, sized by its members.
 * Their names are sized for the screen (`z`, the zoom), or with no zoom (0: a large graph's styles)
 * in proportion to the group, so that they read at the zoom that shows the group whole.
 */
function groupStyles(theme: Theme, z: number, labelPx: number): StylesheetJson {
  const c = PALETTE[theme];
  return [
    {
      selector: 'node.group',
      style: {
        shape: 'round-rectangle',
        'background-color': c.bg,
        'background-opacity': 0.9,
        'border-color': c.muted,
        'border-width': 2,
        'border-style': 'dashed',
        label: 'data(label)',
        'text-valign': 'center',
        'font-size': z > 0 ? (labelPx + 4) / z : 'data(fontSize)',
        'min-zoomed-font-size': 0,
        'font-weight': 'bold',
        'text-opacity': 1,
      },
    },
    {
      selector: 'node.group.open',
      style: { 'text-valign': 'top', 'background-opacity': 0.25 },
    },
    {
      selector: 'edge.group-link',
      style: { width: 'data(width)', 'line-color': c.muted, opacity: 0.5, label: 'data(label)' },
    },
  ];
}
