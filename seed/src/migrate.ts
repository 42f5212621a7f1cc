// trove-dataset/1 → trove-dataset/2: each quote of `evidence` becomes a claim that carries the
// relationship's `attribution` (by, stance) itself. Edits the YAML document, not a re-serialised
// object: comments stay, and every quote is the same scalar node (same text, same quoting style).
// Re-runnable: a file already in format 2 is left as it is.
import { readFile, writeFile } from 'node:fs/promises';
import { isMap, isSeq, parseDocument, YAMLSeq, type Document, type YAMLMap } from 'yaml';
import { FORMAT_VERSION } from './dataset.js';

export interface MigrationResult {
  text: string;
  changed: boolean;
  relationships: number;
  claims: number;
}

function migrateDocument(doc: Document): { relationships: number; claims: number } {
  let relationships = 0;
  let claims = 0;
  const rels = doc.get('relationships', true);
  if (!isSeq(rels)) return { relationships, claims };
  for (const rel of rels.items) {
    if (!isMap(rel)) continue;
    const evidence = rel.get('evidence', true);
    if (!isSeq(evidence)) continue;
    const attribution = rel.get('attribution', true);
    const list = new YAMLSeq();
    list.flow = false;
    for (const item of evidence.items) {
      if (isMap(item) && isMap(attribution)) {
        // The same asserters and stance on every quote, as format 1 meant them.
        const by = attribution.get('by', true);
        item.set(
          'by',
          by && typeof by === 'object' && 'clone' in by ? (by as { clone(): unknown }).clone() : by,
        );
        item.set('stance', attribution.get('stance', true));
      }
      list.items.push(item);
      claims += 1;
    }
    // `claims` where `evidence` was, `attribution` gone: a key's position is kept by replacing the pair.
    const pairs = (rel as YAMLMap).items;
    const at = pairs.findIndex((pair) => (pair.key as { value?: unknown })?.value === 'evidence');
    const evidencePair = pairs[at];
    if (evidencePair) {
      (evidencePair.key as { value: unknown }).value = 'claims';
      evidencePair.value = list;
    }
    rel.delete('attribution');
    relationships += 1;
  }
  return { relationships, claims };
}

export function migrateText(yamlText: string): MigrationResult {
  const doc = parseDocument(yamlText, { keepSourceTokens: false });
  if (doc.errors.length > 0) throw new Error(doc.errors[0]?.message ?? 'YAML error');
  if (doc.get('format') === FORMAT_VERSION)
    return { text: yamlText, changed: false, relationships: 0, claims: 0 };
  if (doc.get('format') !== 'trove-dataset/1') {
    throw new Error(`format is ${JSON.stringify(doc.get('format'))}; only trove-dataset/1 can be migrated`);
  }
  const counts = migrateDocument(doc);
  doc.set('format', FORMAT_VERSION);
  const text = doc.toString({ lineWidth: 100, minContentWidth: 20 });
  return { text, changed: true, ...counts };
}

/** Migrates a file in place (or to `out`); formats it with Prettier when Prettier is installed. */
export async function migrateFile(file: string, out = file): Promise<MigrationResult> {
  const result = migrateText(await readFile(file, 'utf8'));
  let text = result.text;
  if (result.changed) {
    try {
      const prettier = await import('prettier');
      const options = (await prettier.resolveConfig(out)) ?? {};
      text = await prettier.format(text, { ...options, filepath: out });
    } catch {
      // Prettier is a development dependency; the YAML is valid without it.
    }
  }
  if (result.changed || out !== file) await writeFile(out, text);
  return { ...result, text };
}
