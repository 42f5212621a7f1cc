// Claims across two sources: the article plus seed/fixtures/contested-source.yaml (format 2). What a
// reader relies on: every quote names its source and who asserts it, a link says how many sources
// support it and whether they disagree, filters find those links, an entity says in which sources
// it is mentioned, and a second dataset's different description does not replace the first one's.
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityRoute, type EntityResponseT } from '../../contract/entities.js';
import type { GraphEdgeT, GraphPayloadT } from '../../contract/graph.js';
import type { RouteSpec } from '../../contract/route.js';
import { graphRoute } from '../../contract/subgraph.js';
import { vocabularyRoute, type VocabularyResponseT } from '../../contract/vocabulary.js';
import { loadDataset, readDataset } from '../../seed/src/index.js';
import { checkAgainstDatabase } from '../../seed/src/check-db.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';
import { getDriver, resetToArticle } from '../support/neo4j.js';

const fixture = fileURLToPath(new URL('../../seed/fixtures/contested-source.yaml', import.meta.url));
let app: RunningServer;
let driver: Driver;

async function call<T>(spec: RouteSpec, path: string): Promise<T> {
  const { status, body } = await getJson<T>(`${app.url}/api${path}`);
  expect(status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
  expectConforms(spec, status, body);
  return body;
}

async function edge(id: string): Promise<GraphEdgeT> {
  const graph = await call<GraphPayloadT>(graphRoute, '/graph');
  const found = graph.edges.find((e) => e.id === id);
  if (!found) throw new Error(`no edge ${id}`);
  return found;
}

beforeAll(async () => {
  driver = getDriver();
  await resetToArticle(driver);
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
  await resetToArticle(driver);
});

describe('a second source, checked against the database and loaded', () => {
  it('reports what it will record instead of writing over, before loading', async () => {
    const read = await readDataset(fixture);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const { errors, notes } = await checkAgainstDatabase(driver, read.dataset);
    expect(errors).toEqual([]);
    expect(notes.map((n) => `${n.line ?? '?'} ${n.record}`)).toEqual([
      expect.stringMatching(/^\d+ entities\[\d+\] "tibet"$/),
      expect.stringMatching(/^\d+ relationships\[\d+\] "chinese-government-operates-internment-camps"$/),
    ]);
    await loadDataset(driver, fixture);
  });

  it('names the source and the asserter of every quote', async () => {
    const release = await edge('wang-yongzhi-carried-out-wang-yongzhi-release');
    expect(
      release.evidence.map((e) => [e.source?.title, e.asserters?.map((a) => a.name) ?? [], e.stance]),
    ).toEqual([
      ['A Second Look at the Leaked Papers', [], 'reported'],
      ['No Mercy in Xinjiang', ['Leaked confession of Wang Yongzhi'], 'reported'],
    ]);
    expect(release.evidence[0]?.source).toEqual({
      title: 'A Second Look at the Leaked Papers',
      publisher: 'Trove test fixture',
      date: '2019-11-18',
    });
    expect(release).toMatchObject({ sourceCount: 2, asserterCount: 2, contested: false });
  });

  it('marks a link contested when its claims disagree, with both claims side by side', async () => {
    const operates = await edge('chinese-government-operates-internment-camps');
    expect(operates).toMatchObject({ sourceCount: 2, contested: true });
    expect(new Set(operates.evidence.map((e) => e.stance))).toEqual(new Set(['reported', 'denied']));
  });

  it('filters contested links and links with at least N sources', async () => {
    const contested = await call<GraphPayloadT>(graphRoute, '/graph?contested=true');
    expect(contested.edges.map((e) => e.id)).toEqual(['chinese-government-operates-internment-camps']);
    const corroborated = await call<GraphPayloadT>(graphRoute, '/graph?minSources=2');
    expect(corroborated.edges.map((e) => e.id).sort()).toEqual([
      'chen-quanguo-appointed-to-xinjiang',
      'chinese-government-operates-internment-camps',
      'uighurs-detained-in-internment-camps-per-rights-groups',
      'wang-yongzhi-carried-out-wang-yongzhi-release',
    ]);
    expect(corroborated.edges.every((e) => e.sourceCount >= 2)).toBe(true);
  });

  it('counts mentions per source and keeps the first description with the second as an alternative', async () => {
    const chen = await call<EntityResponseT>(entityRoute, '/entities/chen-quanguo');
    expect(chen.mentionSources.map((s) => [s.title, s.count > 0])).toEqual([
      ['A Second Look at the Leaked Papers', true],
      ['No Mercy in Xinjiang', true],
    ]);
    expect(chen.mentionSources.reduce((n, s) => n + s.count, 0)).toBe(chen.mentions.length);
    const tibet = await call<EntityResponseT>(entityRoute, '/entities/tibet');
    expect(tibet.entity.description).toBe(
      'Where Chen Quanguo earlier led iron-fisted policies aimed at crushing dissent.',
    );
    expect(tibet.fieldSources.description).toBe('no-mercy-in-xinjiang');
    expect(tibet.alternatives).toEqual([
      {
        field: 'description',
        value: 'A high plateau region where Chen Quanguo served before Xinjiang.',
        sourceId: 'contested-note',
      },
    ]);
  });

  it('returns the vocabulary descriptions the datasets give, stored in the database', async () => {
    const vocabulary = await call<VocabularyResponseT>(vocabularyRoute, '/vocabulary');
    const appointed = vocabulary.relationshipTypes.find((t) => t.type === 'APPOINTED_TO');
    expect(appointed?.description).toBe('A person was appointed to a post in or of the target.');
    expect(vocabulary.relationshipTypes.every((t) => typeof t.description === 'string')).toBe(true);
  });

  it("exports GraphML with each link's source count and each quote's source title", async () => {
    const response = await fetch(`${app.url}/api/export?format=graphml`);
    expect(response.status).toBe(200);
    const xml = await response.text();
    const release = xml.slice(xml.indexOf('<edge id="wang-yongzhi-carried-out-wang-yongzhi-release"'));
    const element = release.slice(0, release.indexOf('</edge>'));
    expect(element).toContain('<data key="e_sourceCount">2</data>');
    expect(element).toContain(
      '<data key="e_evidenceSourceTitle">A Second Look at the Leaked Papers; No Mercy in Xinjiang</data>',
    );
  });

  it('changes nothing when either dataset is loaded again', async () => {
    const again = await loadDataset(driver, fixture);
    expect(again.created).toEqual({ sources: 0, entities: 0, relationships: 0, mentions: 0 });
    expect(again.updated).toEqual({ sources: 0, entities: 0, relationships: 0, mentions: 0 });
  });
});
