import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

/**
 * A generated dataset in the real format: `n` people in a ring, each of whom met the next, one
 * sentence of the source text per meeting (so every person has two mentions). Written to `dir` as
 * `<sourceId>.txt` and `<sourceId>.yaml`; returns the dataset file's path.
 */
export function writeRingDataset(dir: string, n: number, sourceId: string): string {
  mkdirSync(dir, { recursive: true });
  const names = Array.from({ length: n }, (_, i) => `Person${String(i).padStart(6, '0')} Example`);
  const lines = names.map((name, i) => `${name} met ${names[(i + 1) % n]}.`);
  const text = `A generated text.\n${lines.join('\n')}\n`;
  writeFileSync(join(dir, `${sourceId}.txt`), text);
  let at = text.indexOf('\n') + 1;
  const relationships = lines.map((line, i) => {
    const evidence = [{ source: sourceId, quote: line, start: at, end: at + line.length }];
    at += line.length + 1;
    return {
      id: `met-${i}`,
      type: 'MET',
      from: `p-${i}`,
      to: `p-${(i + 1) % n}`,
      description: 'They met.',
      evidence,
    };
  });
  const file = join(dir, `${sourceId}.yaml`);
  writeFileSync(
    file,
    stringify({
      format: 'trove-dataset/1',
      sources: [
        {
          id: sourceId,
          path: `${sourceId}.txt`,
          title: 'Generated',
          publisher: 'Test',
          contentHash: `sha256:${createHash('sha256').update(text).digest('hex')}`,
        },
      ],
      vocabulary: {
        relationshipTypes: { MET: { description: 'Two people met.', from: ['Person'], to: ['Person'] } },
      },
      entities: names.map((name, i) => ({
        id: `p-${i}`,
        kind: 'Person',
        name,
        description: 'A generated person.',
      })),
      relationships,
    }),
  );
  return file;
}
