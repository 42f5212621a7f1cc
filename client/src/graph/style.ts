import type { StylesheetJson } from 'cytoscape';
import { KIND_STYLE, KINDS } from '../ui/kinds.js';
import { LABEL_PX } from './labels.js';

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

/**
 * The graph's styles. Text is sized for the screen: `zoom` is the camera's zoom and every text size
 * is divided by it, so labels stay `labelPx` tall whatever the zoom (see labels.ts for which show).
 */
export function graphStyle(theme: Theme, zoom = 1, labelPx = LABEL_PX): StylesheetJson {
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
  ];
}
