// Figures of the benchmark: every measurement is a Trove number beside a baseline measured in the
// same run on the same data, because on a shared machine only ratios survive from run to run.

export interface Figure {
  /** What is measured, e.g. "search p95". */
  name: string;
  scale: string;
  unit: string;
  trove: number;
  baseline: number | null;
  /** What the baseline is, e.g. "neo4j-driver, same Cypher". */
  baselineLabel: string;
  /** trove / baseline (for throughput: trove / baseline as well; the goal says which way is good). */
  ratio: number | null;
  goal?: string;
  met?: boolean;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  count: number;
  errors: number;
}

export function summarize(latencies: number[], seconds: number, errors = 0): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    rps: latencies.length / seconds,
    count: latencies.length,
    errors,
  };
}

export function figure(
  name: string,
  scale: string,
  unit: string,
  trove: number,
  baseline: number | null,
  baselineLabel: string,
  goal?: { text: string; met: (trove: number, ratio: number | null) => boolean },
): Figure {
  const ratio = baseline === null || baseline === 0 ? null : trove / baseline;
  const out: Figure = { name, scale, unit, trove, baseline, baselineLabel, ratio };
  if (goal) {
    out.goal = goal.text;
    out.met = goal.met(trove, ratio);
  }
  return out;
}

export function show(value: number | null, unit: string): string {
  if (value === null || Number.isNaN(value)) return '–';
  // Counts (failed requests) are whole numbers: "0 req", not "0.00 req".
  if (unit === 'req') return `${value} req`;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit === 'x' ? 'x' : ` ${unit}`}`;
}

export function markdownTable(figures: readonly Figure[]): string {
  const lines = [
    '| scale | figure | Trove | baseline | ratio | goal |',
    '|---|---|---|---|---|---|',
    ...figures.map(
      (f) =>
        `| ${f.scale} | ${f.name} | ${show(f.trove, f.unit)} | ${show(f.baseline, f.unit)} (${f.baselineLabel}) | ${f.ratio === null ? '–' : `${f.ratio.toFixed(2)}x`} | ${f.goal ? `${f.met ? '✅' : '❌'} ${f.goal}` : ''} |`,
    ),
  ];
  return lines.join('\n');
}

/**
 * A clock for the phases of a stage: each call prints the seconds since the previous one (or since
 * the clock was made) under `name`, so the log says where the minutes of a run go.
 */
export function phaseClock(): (name: string) => void {
  let since = performance.now();
  return (name) => {
    const now = performance.now();
    console.log(`  (${name}: ${((now - since) / 1000).toFixed(1)} s)`);
    since = now;
  };
}
