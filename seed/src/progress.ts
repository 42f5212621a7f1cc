// The seed's progress display: a bar redrawn in place on a terminal, plain lines in a log.
import type { LoadProgress } from './load.js';

export const formatNumber = (n: number): string => Math.round(n).toLocaleString('en-US');
const number = formatNumber;

/**
 * Progress on stderr. On a terminal: one line, redrawn with \r, at most ten times a second. Else a
 * plain line when a phase starts and every five seconds, so a log shows that the load moves.
 */
export function progressPrinter(
  tty: boolean,
  write: (text: string) => void = (text) => process.stderr.write(text),
  now: () => number = () => performance.now(),
): (p: LoadProgress) => void {
  const started = now();
  let last = Number.NEGATIVE_INFINITY;
  let phase = '';
  let width = 0;
  return (p) => {
    const t = now();
    const finished = p.done >= p.total;
    const interval = tty ? 100 : 5000;
    if (p.phase === phase && t - last < interval && !finished) return;
    if (!tty && p.phase === phase && finished) return;
    const newPhase = p.phase !== phase;
    phase = p.phase;
    last = t;
    const seconds = Math.max((t - started) / 1000, 0.001);
    const percent = p.total === 0 ? 100 : Math.floor((p.done / p.total) * 100);
    const rate =
      p.relationships > 0
        ? `${number(p.relationships / seconds)} rel/s`
        : `${number(p.done / seconds)} rows/s`;
    if (tty) {
      const bar = 20;
      const filled = Math.round((percent / 100) * bar);
      const line = `  ${p.phase.padEnd(13)} [${'#'.repeat(filled)}${'.'.repeat(bar - filled)}] ${number(p.done)}/${number(p.total)} ${String(percent).padStart(3)}%  ${rate}`;
      write(`\r${line.padEnd(width)}`);
      width = line.length;
      if (finished) write('\n');
    } else if (newPhase || !finished) {
      write(`  ${p.phase} ${number(p.done)}/${number(p.total)} (${percent}%) ${rate}\n`);
    }
  };
}
