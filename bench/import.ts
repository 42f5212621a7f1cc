// The import, from upload to mentions and candidates, for a 5,000-word article (issue 17's goal:
// under 2 s on this machine), pasted as text and uploaded as HTML (parsed on a worker thread). The
// baseline is compromise parsing the same text in this process: the floor of finding candidates.
// Then the review view's longest tasks on a 20,000-word source (import-review.ts).
import nlp from 'compromise';
import { seededArticle } from './articles.js';
import { benchImportReview } from './import-review.js';
import { figure, percentile, type Figure } from './stats.js';

const KNOWN = ['Xi Jinping', 'Chen Quanguo', 'Xinjiang', 'Wang Yongzhi', 'Uighurs', 'China', 'Tibet'];
const FIRST = ['Zhu', 'Li', 'Ma', 'Sun', 'Guo', 'Hu', 'Liu', 'Zhao', 'Ayesha', 'Omar', 'Anna', 'Peter'];
const LAST = ['Hailun', 'Wei', 'Ping', 'Jun', 'Rahman', 'Keller', 'Novak', 'Tursun', 'Dolkun', 'Ilham'];
const PLACES = ['Kashgar', 'Urumqi', 'Hotan', 'Aksu', 'Yarkand', 'Ghulja', 'Turpan', 'Korla'];
const ORGS = ['Harbor Tribune', 'Regional Security Bureau', 'Kashgar University', 'Ministry of Justice'];
const VERBS = ['met', 'criticised', 'praised', 'visited', 'wrote to', 'was appointed by', 'spoke about'];

/** A reproducible article of about `words` words, with known names, new names, places and dates. */
export function syntheticArticle(words: number, seed = 17): string {
  return seededArticle(words, seed, (pick, random) => {
    const who = random() < 0.4 ? pick(KNOWN) : `${pick(FIRST)} ${pick(LAST)}`;
    return `In ${2010 + Math.floor(random() * 12)}, ${who} ${pick(VERBS)} officials of the ${pick(ORGS)} in ${pick(PLACES)}, according to people familiar with the matter and documents seen by reporters.`;
  });
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function json(response: Response): Promise<Record<string, unknown>> {
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`import bench: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

export async function benchImport(
  baseUrl: string,
  quick: boolean,
  parts: { api?: boolean; review?: boolean } = {},
): Promise<Figure[]> {
  const review = parts.review === false ? [] : await benchImportReview(baseUrl, quick);
  if (parts.api === false) return review;
  const runs = quick ? 2 : 7;
  const scale = '5k words';
  const text = syntheticArticle(5_000);
  const goal = { text: '< 2 s', met: (v: number) => v < 2_000 };

  const parse: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    parse.push(await timed(async () => void nlp(`${text}\n\nRun ${i}.`).people().json()));
  }
  const pasted: number[] = [];
  const uploaded: number[] = [];
  const ids: string[] = [];
  for (let i = 0; i < runs; i += 1) {
    // Each run's text differs, so none is answered as "the same text again".
    pasted.push(
      await timed(async () => {
        const created = await json(
          await fetch(`${baseUrl}/api/imports`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              title: `Bench ${i}`,
              publisher: 'Bench',
              text: `${text}\n\nPasted run ${i}.`,
            }),
          }),
        );
        ids.push(String(created.id));
        await json(await fetch(`${baseUrl}/api/imports/${String(created.id)}`));
      }),
    );
    const html = `<!doctype html><html><head><title>Bench</title></head><body><article>${text
      .split('\n\n')
      .map((p) => `<p>${p}</p>`)
      .join('')}<p>Uploaded run ${i}.</p></article></body></html>`;
    uploaded.push(
      await timed(async () => {
        const created = await json(
          await fetch(`${baseUrl}/api/imports/upload?title=Bench%20${i}&publisher=Bench`, {
            method: 'POST',
            headers: { 'content-type': 'text/html' },
            body: html,
          }),
        );
        ids.push(String(created.id));
        await json(await fetch(`${baseUrl}/api/imports/${String(created.id)}`));
      }),
    );
  }
  for (const id of ids) await fetch(`${baseUrl}/api/imports/${id}`, { method: 'DELETE' });
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    );
  const floor = median(parse);
  return [
    ...review,
    figure(
      'import: paste → mentions + candidates p50',
      scale,
      'ms',
      median(pasted),
      floor,
      'compromise parse, in process',
      goal,
    ),
    figure(
      'import: HTML upload → mentions + candidates p50',
      scale,
      'ms',
      median(uploaded),
      floor,
      'compromise parse, in process',
      goal,
    ),
  ];
}
