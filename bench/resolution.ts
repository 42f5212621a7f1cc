// Merge suggestions at scale: the blocked name matching of server/src/resolution/rank.ts over
// synthetic entities, 1 % of them planted as variant spellings of another ("Mr." in front, a vowel
// changed, a word dropped), timed beside the same work without blocking on a sample (the quadratic
// baseline, extrapolated). Runs in `npm run bench` and `-- --quick`; no database: the matching is the
// part that grows faster than linearly, the database read is one scan (measured by the API figures).
import { seededRandom } from '../seed/src/random.js';
import { compareNames } from '../server/src/resolution/names.js';
import { rankPairs, type Candidate } from '../server/src/resolution/rank.js';
import { figure, type Figure } from './stats.js';

const KINDS = ['Person', 'Organization', 'Place', 'Event', 'Document', 'Group', 'Facility'];
const SYLLABLES = [
  'ka',
  'ren',
  'to',
  'mi',
  'sa',
  'vel',
  'dor',
  'li',
  'ba',
  'zu',
  'ne',
  'ho',
  'qin',
  'wu',
  'fe',
  'gil',
];
const SUFFIX: Record<string, string[]> = {
  Person: [''],
  Organization: [' Bureau', ' Committee'],
  Place: [' County', ' District'],
  Event: [' Hearing', ' Campaign'],
  Document: [' Directive', ' Report'],
  Group: [' community'],
  Facility: [' Camp', ' Center'],
};

function word(random: () => number, syllables: number): string {
  let text = '';
  for (let i = 0; i < syllables; i += 1) text += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function variant(name: string, random: () => number): string {
  const roll = random();
  if (roll < 0.33) return `Mr. ${name}`;
  if (roll < 0.66) return name.replace(/[aeiou](?=[^aeiou]*$)/, (v) => (v === 'a' ? 'e' : 'a'));
  return name.split(' ').slice(0, 2).join(' ');
}

/** `count` entities, `planted` of which repeat another under a variant name; returns them and the planted pairs. */
export function syntheticEntities(
  count: number,
  seed = 20191124,
): { entities: Candidate[]; planted: [string, string][] } {
  const random = seededRandom(seed);
  const entities: Candidate[] = [];
  const planted: [string, string][] = [];
  for (let i = 0; i < count; i += 1) {
    if (i > 100 && random() < 0.01) {
      const original = entities[Math.floor(random() * (i - 1))] as Candidate;
      entities.push({
        id: `e${i}`,
        name: variant(original.name, random),
        aliases: [],
        kind: original.kind,
        inScope: true,
      });
      planted.push([original.id, `e${i}`]);
      continue;
    }
    const kind = KINDS[Math.floor(random() * KINDS.length)] as string;
    const suffixes = SUFFIX[kind] as string[];
    const name = `${word(random, 2)} ${word(random, 3)}${suffixes[Math.floor(random() * suffixes.length)]}`;
    entities.push({ id: `e${i}`, name, aliases: [], kind, inScope: true });
  }
  return { entities, planted };
}

export function benchResolution(quick: boolean): Figure[] {
  const count = 100_000;
  console.log(`merge suggestions over ${count / 1000}k synthetic entities`);
  const { entities, planted } = syntheticEntities(count);
  const runs = quick ? 1 : 3;
  const times: number[] = [];
  let result = rankPairs(entities, new Set(), 0.85);
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    result = rankPairs(entities, new Set(), 0.85);
    times.push(performance.now() - started);
  }
  const ms = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
  const found = new Set(result.pairs.map((p) => [entities[p.a]?.id, entities[p.b]?.id].sort().join(' ')));
  const recall = planted.filter(([a, b]) => found.has([a, b].sort().join(' '))).length / planted.length;
  // Without blocking every pair is compared: time a sample of pairs, scale to n(n-1)/2.
  const sample = 200_000;
  const random = seededRandom(7);
  const started = performance.now();
  for (let i = 0; i < sample; i += 1) {
    const a = entities[Math.floor(random() * count)] as Candidate;
    const b = entities[Math.floor(random() * count)] as Candidate;
    compareNames(a, b);
  }
  const allPairsMs = ((performance.now() - started) / sample) * ((count * (count - 1)) / 2);
  console.log(
    `  ${(ms / 1000).toFixed(2)} s, ${result.compared} pairs compared, ${result.pairs.length} suggested, ` +
      `${(recall * 100).toFixed(1)} % of ${planted.length} planted duplicates found; all pairs ≈ ${(allPairsMs / 1000).toFixed(0)} s`,
  );
  return [
    figure(
      'merge suggestions (blocked matching)',
      '100k entities',
      's',
      ms / 1000,
      allPairsMs / 1000,
      'every pair compared, extrapolated',
      {
        text: '< 10 s at 100k entities',
        met: (trove) => trove < 10,
      },
    ),
    figure(
      'merge suggestions: planted duplicates found',
      '100k entities',
      '%',
      recall * 100,
      null,
      'planted variant spellings',
      {
        text: '≥ 90 %',
        met: (trove) => trove >= 90,
      },
    ),
  ];
}
