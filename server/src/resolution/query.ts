// The reads behind merge suggestions: every entity's names, the pairs already judged "not the same",
// and, for the few pairs that rank, their shared neighbours, shared sentences and quotes.
import type { Driver } from 'neo4j-driver';
import type { SuggestionT } from '../../../contract/resolution.js';
import { LABEL, MENTIONED_IN, REL, STATEMENT_TYPES } from '../../../model/index.js';
import { toNumber } from '../db/mapping.js';
import { notFound } from '../errors.js';
import type { Candidate } from './rank.js';

export async function readCandidates(driver: Driver, source: string | undefined): Promise<Candidate[]> {
  if (source !== undefined) {
    const { records } = await driver.executeQuery(
      `MATCH (s:${LABEL.source} {id: $source}) RETURN s.id AS id`,
      { source },
      { routing: 'READ' },
    );
    if (records.length === 0) throw notFound(`No source has the id '${source}'.`, 'source');
  }
  const { records } = await driver.executeQuery(
    `MATCH (e:${LABEL.entity})
     RETURN e.id AS id, e.name AS name, coalesce(e.aliases, []) AS aliases, e.kind AS kind,
       $source IS NULL OR EXISTS { (e)-[:${MENTIONED_IN}]->(:${LABEL.source} {id: $source}) }
         OR EXISTS { (e)-[r:${STATEMENT_TYPES}]-() WHERE $source IN r.${REL.claimSource} } AS inScope`,
    { source: source ?? null },
    { routing: 'READ' },
  );
  return records.map((r) => ({
    id: String(r.get('id')),
    name: String(r.get('name')),
    aliases: (r.get('aliases') as unknown[]).map(String),
    kind: String(r.get('kind')),
    inScope: r.get('inScope') === true,
  }));
}

export async function readNotSame(driver: Driver): Promise<[string, string][]> {
  const { records } = await driver.executeQuery(
    `MATCH (n:${LABEL.notSame}) RETURN n.a AS a, n.b AS b`,
    {},
    { routing: 'READ' },
  );
  return records.map((r) => [String(r.get('a')), String(r.get('b'))]);
}

export interface PairEvidence {
  shared: { id: string; name: string }[];
  sharedCount: number;
  sameSentence: number;
}

/**
 * Shared neighbours (linked to both by statements) and sentences naming both. A sentence is the text
 * between the two mentions holding no sentence end (., ! or ? before a space, or a line break).
 */
export async function readPairEvidence(
  driver: Driver,
  pairs: { a: string; b: string }[],
): Promise<PairEvidence[]> {
  const { records } = await driver.executeQuery(
    `UNWIND range(0, size($pairs) - 1) AS i
     WITH i, $pairs[i] AS p
     MATCH (a:${LABEL.entity} {id: p.a}), (b:${LABEL.entity} {id: p.b})
     CALL (a, b) {
       MATCH (a)-[:${STATEMENT_TYPES}]-(x:${LABEL.entity})-[:${STATEMENT_TYPES}]-(b)
       WHERE x <> a AND x <> b
       WITH DISTINCT x ORDER BY x.name
       RETURN collect({id: x.id, name: x.name}) AS shared
     }
     CALL (a, b) {
       MATCH (a)-[ma:${MENTIONED_IN}]->(s:${LABEL.source})<-[mb:${MENTIONED_IN}]-(b)
       WHERE abs(ma.start - mb.start) < 400
       WITH s, CASE WHEN ma.end <= mb.start THEN [ma.end, mb.start] ELSE [mb.end, ma.start] END AS gap
       WHERE gap[1] >= gap[0]
         AND NOT substring(s.text, gap[0], gap[1] - gap[0]) =~ '(?s).*([.!?]["”’)]?\\s|\\n).*'
       RETURN count(*) AS sameSentence
     }
     RETURN i, shared, sameSentence ORDER BY i`,
    { pairs },
    { routing: 'READ' },
  );
  const byIndex = new Map(records.map((r) => [toNumber(r.get('i')), r]));
  return pairs.map((_, i) => {
    const r = byIndex.get(i);
    const shared = r ? (r.get('shared') as { id: unknown; name: unknown }[]) : [];
    return {
      shared: shared.slice(0, 5).map((x) => ({ id: String(x.id), name: String(x.name) })),
      sharedCount: shared.length,
      sameSentence: r ? toNumber(r.get('sameSentence')) : 0,
    };
  });
}

type Side = SuggestionT['a'];

// A period after a title or an initial ("Mr. Xi", "J. Smith") ends no sentence: without this, a
// quote stopped at "said Mr." and the next one began at "Xi".
const ABBREVIATION =
  /(?:^|[^\p{L}])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|St|Mt|No|vs|etc|\p{Lu})$/u;

function endsSentence(text: string, at: number, mark: string): boolean {
  return !(mark.startsWith('.') && ABBREVIATION.test(text.slice(Math.max(0, at - 6), at)));
}

/** Where a sentence around [start, end) begins and ends in `text` (offset `base` into the source). */
export function sentenceAround(
  text: string,
  base: number,
  start: number,
  end: number,
): { from: number; to: number } {
  const localStart = start - base;
  const localEnd = end - base;
  let from = 0;
  const before = text.slice(0, localStart);
  const boundary = /[.!?]["”’)]?\s+|\n+/g;
  for (let m = boundary.exec(before); m; m = boundary.exec(before))
    if (endsSentence(text, m.index, m[0])) from = m.index + m[0].length;
  const ends = /[.!?]["”’)]?(?=\s|$)|\n/g;
  ends.lastIndex = localEnd;
  let to = text.length;
  for (let m = ends.exec(text); m; m = ends.exec(text)) {
    if (!endsSentence(text, m.index, m[0])) continue;
    to = m.index + (m[0] === '\n' ? 0 : m[0].length);
    break;
  }
  return { from: base + from, to: base + to };
}

/** Each entity's names, mention count and up to three quotes: the sentences of its first mentions. */
export async function readSides(driver: Driver, ids: string[]): Promise<Map<string, Side>> {
  const { records } = await driver.executeQuery(
    `UNWIND $ids AS id
     MATCH (e:${LABEL.entity} {id: id})
     CALL (e) {
       MATCH (e)-[m:${MENTIONED_IN}]->(s:${LABEL.source})
       WITH m, s ORDER BY s.id, m.start
       WITH collect({sourceId: s.id, start: m.start, end: m.end,
         windowStart: CASE WHEN m.start < 300 THEN 0 ELSE m.start - 300 END,
         window: substring(s.text, CASE WHEN m.start < 300 THEN 0 ELSE m.start - 300 END,
           m.end - (CASE WHEN m.start < 300 THEN 0 ELSE m.start - 300 END) + 300)}) AS mentionList
       RETURN size(mentionList) AS mentionCount, mentionList[..3] AS mentions
     }
     CALL (e) {
       MATCH (e)-[r:${STATEMENT_TYPES}]-()
       WITH r LIMIT 3
       RETURN collect({sourceId: r.${REL.claimSource}[0], start: r.${REL.claimStart}[0], end: r.${REL.claimEnd}[0],
         quote: r.${REL.claimQuote}[0]}) AS claims
     }
     RETURN e.id AS id, e.name AS name, e.kind AS kind, coalesce(e.aliases, []) AS aliases,
       mentionCount, mentions, claims`,
    { ids },
    { routing: 'READ' },
  );
  const sides = new Map<string, Side>();
  for (const r of records) {
    const quotes: Side['quotes'] = [];
    for (const m of r.get('mentions') as Record<string, unknown>[]) {
      const start = toNumber(m.start);
      const end = toNumber(m.end);
      const base = toNumber(m.windowStart);
      const window = String(m.window);
      const { from, to } = sentenceAround(window, base, start, end);
      if (quotes.some((q) => q.sourceId === m.sourceId && q.start === from)) continue;
      quotes.push({
        sourceId: String(m.sourceId),
        start: from,
        end: to,
        quote: window.slice(from - base, to - base),
        mentionStart: start,
        mentionEnd: end,
      });
    }
    if (quotes.length === 0) {
      for (const c of r.get('claims') as Record<string, unknown>[]) {
        if (c.sourceId === null || c.sourceId === undefined) continue;
        quotes.push({
          sourceId: String(c.sourceId),
          start: toNumber(c.start),
          end: toNumber(c.end),
          quote: String(c.quote),
          mentionStart: null,
          mentionEnd: null,
        });
      }
    }
    const id = String(r.get('id'));
    sides.set(id, {
      id,
      name: String(r.get('name')),
      kind: String(r.get('kind')) as Side['kind'],
      aliases: (r.get('aliases') as unknown[]).map(String),
      mentionCount: toNumber(r.get('mentionCount')),
      quotes,
    });
  }
  return sides;
}
