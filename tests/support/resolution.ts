// Helpers for the resolution and history tests: a small dataset that names two known entities a
// second time under other ids (as a new source would), and a content checksum of the whole graph.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { stringify } from 'yaml';
import { toPlain } from '../../server/src/db/mapping.js';

export const DUPLICATES_SOURCE = 'resolution-note';

async function storedEntity(driver: Driver, id: string) {
  const { records } = await driver.executeQuery('MATCH (e:Entity {id: $id}) RETURN properties(e) AS p', {
    id,
  });
  const p = records[0]?.get('p') as Record<string, unknown>;
  return {
    id,
    kind: String(p.kind),
    name: String(p.name),
    description: String(p.description),
    noMentionReason: 'Repeated so the links can name it.',
    ...(p.dateStart ? { date: { start: String(p.dateStart), precision: String(p.datePrecision) } } : {}),
  };
}

/**
 * "Mr. Xi" (`mr-xi`) and "Uyghurs" (`uyghurs`): duplicates of xi-jinping and uighurs, each with a
 * mention, a link the original also has (so a merge combines the claim lists) and a claim that Mr. Xi
 * asserts (so a merge rewrites an asserter).
 */
export async function writeDuplicatesDataset(driver: Driver): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'trove-resolution-'));
  const speech = 'Mr. Xi gave a speech to officials in 2014.';
  const held = 'Uyghurs were held in the internment camps, said Mr. Xi.';
  const text = `A note for the resolution tests.\n${speech}\n${held}\n`;
  writeFileSync(join(dir, `${DUPLICATES_SOURCE}.txt`), text);
  const at = (quote: string) => ({
    quote,
    start: text.indexOf(quote),
    end: text.indexOf(quote) + quote.length,
  });
  const file = join(dir, `${DUPLICATES_SOURCE}.yaml`);
  writeFileSync(
    file,
    stringify({
      format: 'trove-dataset/2',
      sources: [
        {
          id: DUPLICATES_SOURCE,
          path: `${DUPLICATES_SOURCE}.txt`,
          title: 'A note naming two entities again',
          publisher: 'Trove test fixture',
          contentHash: `sha256:${createHash('sha256').update(text).digest('hex')}`,
        },
      ],
      vocabulary: {
        relationshipTypes: {
          GAVE_SPEECH: { description: 'A person gave a speech.', from: ['Person'], to: ['Event'] },
          DETAINED_IN: {
            description: 'People were held in a facility.',
            from: ['Person', 'Group'],
            to: ['Facility'],
          },
        },
      },
      entities: [
        { id: 'mr-xi', kind: 'Person', name: 'Mr. Xi', description: 'The speaker, as this note names him.' },
        { id: 'uyghurs', kind: 'Group', name: 'Uyghurs', description: 'A people, as this note spells it.' },
        await storedEntity(driver, 'xi-2014-speech'),
        {
          ...(await storedEntity(driver, 'internment-camps')),
          aliases: ['internment camps'],
          noMentionReason: undefined,
        },
      ],
      relationships: [
        {
          id: 'mr-xi-gave-speech-xi-2014-speech',
          type: 'GAVE_SPEECH',
          from: 'mr-xi',
          to: 'xi-2014-speech',
          description: 'Mr. Xi gave the 2014 speech.',
          claims: [{ source: DUPLICATES_SOURCE, ...at(speech) }],
        },
        {
          id: 'uyghurs-detained-in-internment-camps-per-mr-xi',
          type: 'DETAINED_IN',
          from: 'uyghurs',
          to: 'internment-camps',
          description: 'Uyghurs were held in the camps, Mr. Xi said.',
          claims: [{ source: DUPLICATES_SOURCE, ...at(held), by: ['mr-xi'], stance: 'claimed' }],
        },
      ],
    }),
  );
  return file;
}

/**
 * A checksum of the graph's content: every node but the history's own (labels, properties) and every
 * relationship (type, ends by id, properties), in a stable order. `version` is left out: it counts
 * writes, so it rises on a merge and its split by design.
 */
export async function graphChecksum(driver: Driver): Promise<string> {
  const { records: nodes } = await driver.executeQuery(
    `MATCH (n) WHERE NOT n:Change AND NOT n:ChangeCounter AND NOT n:NotSame
     RETURN labels(n) AS labels, properties(n) AS props`,
  );
  const { records: rels } = await driver.executeQuery(
    `MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props`,
  );
  const clean = (props: Record<string, unknown>) => {
    const { version: _version, ...rest } = props;
    return Object.fromEntries(
      Object.entries(toPlain(rest) as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)),
    );
  };
  const lines = [
    ...nodes.map((r) => JSON.stringify([[...(r.get('labels') as string[])].sort(), clean(r.get('props'))])),
    ...rels.map((r) => JSON.stringify([r.get('type'), r.get('a'), r.get('b'), clean(r.get('props'))])),
  ].sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** Every claim in the graph, as `relationship|source|start|end|asserters`, sorted. */
export async function allClaims(driver: Driver): Promise<string[]> {
  const { records } = await driver.executeQuery(
    `MATCH ()-[r]->() WHERE r.evidenceSource IS NOT NULL
     UNWIND range(0, size(r.evidenceSource) - 1) AS i
     RETURN r.evidenceSource[i] + '|' + toString(r.evidenceStart[i]) + '|' + toString(r.evidenceEnd[i]) AS claim`,
  );
  return records.map((r) => String(r.get('claim'))).sort();
}
