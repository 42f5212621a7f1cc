import type { MetricKey, NetworkMetrics } from '../metrics/metrics.js';

export type EmphasisMetric = MetricKey | 'community';

export interface NodeEmphasis {
  size: number;
  color: string;
}

/** Okabe–Ito and Tol colours, distinguishable under common colour-vision deficiencies; then grey. */
const COMMUNITY_COLOURS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#D55E00',
  '#56B4E9',
  '#F0E442',
  '#882255',
  '#44AA99',
  '#999933',
];

const RAMP = [
  [253, 231, 37],
  [33, 145, 140],
  [68, 1, 84],
] as const;

/** The ramp's colours from low to high, for the legend's key. */
export const RAMP_STOPS = RAMP.map(([r, g, b]) => `rgb(${r}, ${g}, ${b})`);

export function communityColour(community: number): string {
  return COMMUNITY_COLOURS[community] ?? '#8b8b97';
}

/** A sequential ramp from pale to deep blue (viridis-like ends), readable on light and dark. */
function ramp(t: number): string {
  const [from, mid, to] = RAMP;
  const [a, b, u] = t < 0.5 ? [from, mid, t * 2] : [mid, to, (t - 0.5) * 2];
  const channel = (i: number) => Math.round((a[i] ?? 0) + ((b[i] ?? 0) - (a[i] ?? 0)) * u);
  return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
}

/**
 * Node size by one metric (scaled to the largest value, square root so that area tracks the value)
 * and colour by another: a community's colour, or a ramp by value.
 */
export function emphasisFor(
  metrics: NetworkMetrics,
  sizeBy: MetricKey,
  colourBy: EmphasisMetric,
): Record<string, NodeEmphasis> {
  const max = (key: MetricKey) => Math.max(...metrics.nodes.map((n) => n[key]), 0);
  const sizeMax = max(sizeBy);
  const colourMax = colourBy === 'community' ? 0 : max(colourBy);
  const result: Record<string, NodeEmphasis> = {};
  for (const node of metrics.nodes) {
    const share = sizeMax > 0 ? node[sizeBy] / sizeMax : 0;
    const color =
      colourBy === 'community'
        ? communityColour(node.community)
        : ramp(colourMax > 0 ? node[colourBy] / colourMax : 0);
    result[node.id] = { size: Math.round(18 + Math.sqrt(share) * 62), color };
  }
  return result;
}
