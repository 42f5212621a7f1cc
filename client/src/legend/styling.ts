import { create } from 'zustand';

/**
 * What the node colours and sizes mean right now, so the legend describes the graph as drawn: the
 * kinds' colours by default, or a metric's colours while the workbench's metrics are on the graph.
 */
export type ColourKey =
  | { kind: 'communities'; swatches: { label: string; color: string }[] }
  | { kind: 'ramp'; metric: string; stops: readonly string[]; low: string; high: string };

export interface MetricStyling {
  sizeBy: string;
  colour: ColourKey;
}

export const useStyling = create<{ metric: MetricStyling | null }>()(() => ({ metric: null }));

export function setMetricStyling(metric: MetricStyling | null): void {
  useStyling.setState({ metric });
}
