// Issue 21: the article's dataset and built-in story say only what the article says. One test per
// correction of the fact-check, read from the real files, so that an edit (or the migration to the
// next format) that brings an overstatement back fails here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { DatasetEntity, DatasetRelationship } from './dataset.js';
import { storyWarnings, type StoryLike } from './editorial.js';
import { defaultDatasetPath } from './index.js';
import { readDataset, type CompiledDataset } from './read.js';
import { formatErrors } from './validate.js';

const storyPath = fileURLToPath(new URL('../stories/the-xinjiang-papers.story.yaml', import.meta.url));
const fixturePath = fileURLToPath(new URL('../fixtures/second-source.yaml', import.meta.url));

interface StoryFile extends StoryLike {
  steps: {
    title: string;
    caption: string;
    nodeIds: string[];
    edgeIds: string[];
    quote: { sourceId: string; start: number; end: number; quote: string } | null;
  }[];
}

let dataset: CompiledDataset;
let story: StoryFile;
let entity: (id: string) => DatasetEntity | undefined;
let rel: (id: string) => DatasetRelationship | undefined;
let rels: (filter: Partial<Pick<DatasetRelationship, 'type' | 'from' | 'to'>>) => DatasetRelationship[];

beforeAll(async () => {
  const read = await readDataset(defaultDatasetPath);
  if (!read.ok) throw new Error(formatErrors(read.errors));
  dataset = read.dataset;
  story = parse(readFileSync(storyPath, 'utf8')) as StoryFile;
  entity = (id) => dataset.data.entities.find((e) => e.id === id);
  rel = (id) => dataset.data.relationships.find((r) => r.id === id);
  rels = (filter) =>
    dataset.data.relationships.filter((r) =>
      Object.entries(filter).every(([k, v]) => r[k as 'type' | 'from' | 'to'] === v),
    );
});

const quotes = (r: DatasetRelationship | undefined): string =>
  (r?.claims ?? []).map((c) => c.quote).join(' ');

/** Who asserts a link and how, when all its claims agree; undefined when one is in the source's own voice. */
const attribution = (r: DatasetRelationship | undefined): { by: string[]; stance: string } | undefined => {
  const claims = r?.claims ?? [];
  if (claims.length === 0 || claims.some((c) => c.by.length === 0)) return undefined;
  const [first] = claims;
  const all = claims.map((c) => JSON.stringify({ by: c.by, stance: c.stance }));
  return new Set(all).size === 1 && first
    ? { by: first.by, stance: first.stance }
    : { by: [], stance: 'mixed' };
};

describe('relationships that said more than their quote', () => {
  it('the leak "suggests" discontent: attributed to the leak, not stated in the article\'s voice', () => {
    for (const id of [
      'party-dissenters-opposed-xinjiang-crackdown',
      'party-dissenters-member-of-chinese-communist-party',
    ]) {
      expect(attribution(rel(id)), id).toEqual({ by: ['the-leak'], stance: 'reported' });
      expect(quotes(rel(id)), id).toContain('suggests');
      expect(rel(id)?.description, id).toContain('suggests');
    }
  });

  it("Chen distributed Xi's speeches, which the article never says are the leak's unpublished ones", () => {
    expect(rel('chen-quanguo-distributed-xi-speeches')).toBeUndefined();
    const distributed = rels({ type: 'DISTRIBUTED', from: 'chen-quanguo' });
    expect(distributed).toHaveLength(1);
    expect(distributed[0]!.to).not.toBe('xi-speeches');
    expect(quotes(distributed[0])).toContain('Xi’s speeches');
    // Nothing joins the distributed speeches to the unpublished ones, nor Chen to the latter.
    const joined = dataset.data.relationships.filter(
      (r) =>
        [r.from, r.to].includes('xi-speeches') &&
        [r.from, r.to].some((end) => end === distributed[0]!.to || end === 'chen-quanguo'),
    );
    expect(joined).toEqual([]);
    expect(entity('xi-speeches')?.description).toMatch(
      /does not\s+say whether they are the speeches that Chen Quanguo distributed/,
    );
  });

  it('the families were "missing or detained", so no link says detained', () => {
    expect(rels({ type: 'DETAINED_IN', from: 'students-families' })).toEqual([]);
    const link = rels({ from: 'students-families', to: 'internment-camps' });
    expect(link.map((r) => r.type)).toEqual(['MISSING_OR_DETAINED_IN']);
    expect(quotes(link[0])).toContain('“missing or detained”');
  });

  it("the papers shed light on Wang's punishment, which the article does not say was the investigation", () => {
    expect(
      rels({ type: 'SHEDS_LIGHT_ON', from: 'xinjiang-papers', to: 'wang-yongzhi-investigation' }),
    ).toEqual([]);
    const light = rels({ type: 'SHEDS_LIGHT_ON', from: 'xinjiang-papers', to: 'wang-yongzhi-punishment' });
    expect(quotes(light[0])).toContain('“punishment”');
    expect(entity('wang-yongzhi-punishment')?.kind).toBe('Event');
    expect(entity('wang-yongzhi-punishment')?.date).toBeUndefined();
    expect(
      dataset.data.relationships.filter(
        (r) =>
          [r.from, r.to].includes('wang-yongzhi-punishment') &&
          [r.from, r.to].includes('wang-yongzhi-investigation'),
      ),
    ).toEqual([]);
    expect(entity('wang-yongzhi-investigation')?.description).not.toMatch(/which the article calls/);
    const punishmentWord = dataset.mentions.find((m) => m.text === 'punishment' && m.start === 2539);
    expect(punishmentWord?.entity).toBe('wang-yongzhi-punishment');
  });

  it('Wang\'s party membership is only inferred: no MEMBER_OF, no "Party" role', () => {
    expect(rels({ type: 'MEMBER_OF', from: 'wang-yongzhi' })).toEqual([]);
    expect(entity('wang-yongzhi')?.role).not.toMatch(/party/i);
  });

  it('China "initially" denied the camps: the denial keeps the word and what came after it', () => {
    const denied = rel('chinese-government-operates-internment-camps');
    expect(attribution(denied)).toEqual({ by: ['chinese-government'], stance: 'denied' });
    expect(quotes(denied)).toMatch(
      /initially “denying” the camps, has described them as “vocational schools”/,
    );
    expect(denied?.description).toMatch(/^China initially denied the camps, before describing them/);
    expect(rel('chinese-government-described-internment-camps')?.description).toContain(
      'after initially denying',
    );
  });

  it('local officials faced punishment or purges, by whom Leibold does not say', () => {
    expect(rels({ type: 'PUNISHED', to: 'local-officials' })).toEqual([]);
    expect(dataset.data.relationships.filter((r) => r.to === 'local-officials')).toEqual([]);
    const faced = rels({ type: 'SUBJECT_OF', from: 'local-officials', to: 'local-officials-punishment' });
    expect(attribution(faced[0])).toEqual({ by: ['james-leibold'], stance: 'reported' });
    expect(quotes(faced[0])).toContain('facing punishment or being purged, Leibold said');
  });
});

describe('entities', () => {
  it('"outside experts" are not "experts outside China"', () => {
    expect(entity('outside-experts')?.description).not.toMatch(/outside China/);
  });

  it('officials: one group for each set the article names, none joined to another', () => {
    expect(entity('officials')).toBeUndefined();
    const groups = {
      'officials-ordered-by-xi': ['INSTRUCTED', 'xi-jinping', 280],
      'xi-2014-speech-audience': ['ADDRESSED', 'xi-2014-speech', 1298],
      'officials-urged-by-chen': ['INSTRUCTED', 'chen-quanguo', 1762],
      'officials-instructed-by-guide': ['INSTRUCTED', 'returning-students-guide', 2136],
    } as const;
    for (const [id, [type, from, mentionedAt]] of Object.entries(groups)) {
      expect(entity(id)?.kind, id).toBe('Group');
      const links = dataset.data.relationships.filter((r) => r.from === id || r.to === id);
      expect(
        links.map((r) => [r.type, r.from]),
        id,
      ).toEqual([[type, from]]);
      expect(
        dataset.mentions.filter((m) => m.entity === id).map((m) => m.start),
        id,
      ).toEqual([mentionedAt]);
    }
  });

  it('the party\'s crackdown is controversial, not "controversial"', () => {
    const description = entity('chinese-communist-party')?.description ?? '';
    expect(description).not.toMatch(/["“]controversial["”]/);
    expect(description).toContain('controversial "crackdown"');
  });

  it("Muslims in Xinjiang: Leibold's wording is his", () => {
    const description = entity('muslims-in-xinjiang')?.description ?? '';
    expect(description).toMatch(/James Leibold speaks of the "mass internment of Muslims in Xinjiang"/);
    expect(description.replace(/James Leibold speaks of the "[^"]*"/, '')).not.toMatch(/mass internment/);
  });

  it('other mostly Muslim minorities: rights groups and outside experts, as the article says', () => {
    expect(entity('other-muslim-minorities')?.description).toMatch(/human rights groups and outside experts/);
  });

  it('one rule for unnamed collectives: of organizations an Organization, of people a Group', () => {
    expect(['rights-groups', 'foreign-media'].map((id) => entity(id)?.kind)).toEqual([
      'Organization',
      'Organization',
    ]);
    expect(
      ['outside-experts', 'local-officials', 'returning-students'].map((id) => entity(id)?.kind),
    ).toEqual(['Group', 'Group', 'Group']);
    expect(readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8')).toMatch(
      /unnamed collective/i,
    );
  });
});

describe('facts the dataset had left out', () => {
  it('the documents show "there was resistance on a local level", per Leibold', () => {
    const shows = rels({ type: 'SHOWS', from: 'xinjiang-papers', to: 'local-resistance' });
    expect(attribution(shows[0])).toEqual({ by: ['james-leibold'], stance: 'reported' });
    expect(quotes(shows[0])).toContain('“there was resistance on a local level”');
  });

  it("Wang's confession is leaked", () => {
    expect(entity('wang-yongzhi-confession')?.name).toMatch(/^Leaked/);
    expect(quotes(rel('wang-yongzhi-carried-out-wang-yongzhi-release'))).toContain(
      'according to a leaked “confession”',
    );
  });

  it('the leaker hoped the leadership would not escape "culpability for the mass detentions"', () => {
    for (const from of ['chinese-leadership', 'xi-jinping']) {
      const culpable = rels({ type: 'CULPABLE_FOR', from, to: 'mass-internment' });
      expect(attribution(culpable[0]), from).toEqual({ by: ['unnamed-leaker'], stance: 'claimed' });
      expect(quotes(culpable[0]), from).toContain('“escaping culpability for the mass detentions.”');
    }
  });

  it('"in the party\'s own words": the party as the author of the papers, per Leibold', () => {
    const authored = rels({ type: 'AUTHORED', from: 'chinese-communist-party', to: 'xinjiang-papers' });
    expect(attribution(authored[0])).toEqual({ by: ['james-leibold'], stance: 'reported' });
    expect(quotes(authored[0])).toContain('in the party’s own words');
  });
});

describe('the built-in story keeps the hedges', () => {
  const step = (n: number): StoryFile['steps'][number] => story.steps[n - 1]!;

  it('step 4: "other mostly Muslim minorities", and who says so', () => {
    expect(step(4).caption).toContain('other mostly Muslim minorities');
    expect(step(4).caption).not.toMatch(/other Muslims/);
    expect(step(4).caption).toMatch(/Human rights groups and outside experts say more than “one million”/);
  });

  it('step 5: families "missing or detained", and the “virus of extremist” quoted where the article quotes it', () => {
    expect(step(5).caption).toContain('“missing or detained”');
    expect(step(5).caption).toContain('“virus of extremist” thinking');
  });

  it('step 6: "more than 7,000" and the fear, according to a leaked confession', () => {
    const text = `${step(6).title} ${step(6).caption}`;
    expect(text).not.toMatch(/(?<!more than )7,000/);
    expect(step(6).caption).toMatch(/^According to a leaked “confession” by Wang/);
    expect(step(6).quote?.quote).toMatch(/according to a leaked “confession” by Wang\.$/);
  });

  it('step 8: the leak is "a significant indicator", not proof', () => {
    expect(step(8).caption).not.toMatch(/shows that/);
    expect(step(8).caption).toContain('“a significant indicator”');
  });

  it('every node and link of the story is in the dataset, every quote verbatim', () => {
    const entities = new Set(dataset.data.entities.map((e) => e.id));
    const links = new Set(dataset.data.relationships.map((r) => r.id));
    const text = dataset.sources[0]!.text;
    for (const s of story.steps) {
      for (const id of s.nodeIds) expect(entities.has(id), `${s.title}: ${id}`).toBe(true);
      for (const id of s.edgeIds) expect(links.has(id), `${s.title}: ${id}`).toBe(true);
      if (s.quote) expect(text.slice(s.quote.start, s.quote.end), s.title).toBe(s.quote.quote);
    }
  });
});

describe('the editorial checks on the corrected files', () => {
  it('raise nothing on the dataset or the story', () => {
    expect(dataset.warnings).toEqual([]);
    const texts = new Map(dataset.sources.map((s) => [s.id, s.text]));
    expect(storyWarnings(story, dataset.data, texts)).toEqual([]);
  });

  it("raise the old story's slips against the corrected dataset", () => {
    const texts = new Map(dataset.sources.map((s) => [s.id, s.text]));
    const old = structuredClone(story);
    old.steps[4]!.caption =
      'A guide told officials what to say to students who came home to find their families detained: their relatives had been infected with the “virus” of extremist thinking.';
    old.steps[5]!.title = 'Wang Yongzhi releases 7,000 and is punished';
    old.steps[5]!.caption =
      'Wang Yongzhi released more than 7,000 people on his own initiative, fearing the round-ups would deepen resentment.';
    const problems = storyWarnings(old, dataset.data, texts).map((w) => w.problem);
    expect(problems).toEqual([
      'caption moves the quotation marks: the source quotes "virus of extremist", not "virus"',
      'caption drops the attribution: its quotes say "according to" but the caption has no reporting word',
      'title: "7,000" drops its qualifier: the source says "more than 7,000"',
    ]);
  });

  it('flag what the second-source fixture repeats from the article without its quotes', async () => {
    const read = await readDataset(fixturePath);
    if (!read.ok) throw new Error(formatErrors(read.errors));
    const flagged = new Set((read.dataset.warnings ?? []).map((w) => w.record));
    expect([...flagged]).toEqual([
      'entities[0] "xi-jinping"',
      'entities[3] "xi-2014-speech"',
      'relationships[0] "xi-jinping-gave-speech-xi-2014-speech"',
    ]);
    expect(read.dataset.warnings?.every((w) => w.line !== undefined)).toBe(true);
  });
});
