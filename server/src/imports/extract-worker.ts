// Runs on a worker thread with its own heap limit (extract.ts): parsing a hostile PDF or HTML file
// may take long or allocate much, and that must cost this thread, never the server's event loop.
// The thread answers one job after another; each parser is loaded when first needed (pdf.js alone
// took a quarter of a cold HTML upload).
import { parentPort } from 'node:worker_threads';

export interface ExtractJob {
  kind: 'pdf' | 'html';
  bytes: Uint8Array;
}

export type ExtractAnswer =
  { ok: true; text: string; pageStarts: number[]; title: string | null } | { ok: false; problem: string };

const BLOCKS = new Set(
  'p h1 h2 h3 h4 h5 h6 li blockquote pre div section article header footer figcaption tr dt dd table ul ol br hr'.split(
    ' ',
  ),
);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Text of the article's markup with a blank line between blocks; markup itself is never kept. */
function blockText(root: DomNode): string {
  const parts: string[] = [];
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      parts.push((node.textContent ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toLowerCase();
    if (name === 'script' || name === 'style' || name === 'noscript' || name === 'template') return;
    const block = BLOCKS.has(name);
    if (block) parts.push('\n\n');
    for (let i = 0; i < node.childNodes.length; i += 1) {
      const child = node.childNodes[i];
      if (child) walk(child);
    }
    if (block) parts.push('\n\n');
  };
  walk(root);
  return parts
    .join('')
    .split(/\n{2,}/)
    .map((para) => para.replace(/[ \t]+/g, ' ').trim())
    .filter((para) => para !== '')
    .join('\n\n');
}

async function html(bytes: Uint8Array): Promise<ExtractAnswer> {
  const [{ Readability }, { parseHTML }] = await Promise.all([
    import('@mozilla/readability'),
    import('linkedom'),
  ]);
  const source = new TextDecoder('utf-8').decode(bytes);
  const { document } = parseHTML(source);
  const article = new Readability(document as unknown as Document).parse();
  let text = '';
  if (article?.content) {
    const { document: inner } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    text = blockText(inner.body as unknown as DomNode);
  }
  if (text === '' && document.body) text = blockText(document.body as unknown as DomNode);
  if (text === '') return { ok: false, problem: 'the HTML file has no readable text' };
  return { ok: true, text, pageStarts: [], title: article?.title?.trim() || null };
}

async function pdf(bytes: Uint8Array): Promise<ExtractAnswer> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  let proxy;
  try {
    proxy = await getDocumentProxy(bytes);
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (name === 'PasswordException')
      return { ok: false, problem: 'the PDF is encrypted (password protected)' };
    return { ok: false, problem: `the PDF cannot be read (${name || 'malformed'})` };
  }
  const { text: pages } = await extractText(proxy, { mergePages: false });
  const pageStarts: number[] = [];
  let text = '';
  for (const page of pages) {
    if (text !== '') text += '\n\n';
    pageStarts.push(text.length);
    text += page.trim();
  }
  if (text.trim() === '')
    return { ok: false, problem: 'the PDF has no text layer (scanned images need OCR first)' };
  return { ok: true, text, pageStarts, title: null };
}

async function run(job: ExtractJob): Promise<ExtractAnswer> {
  try {
    return job.kind === 'pdf' ? await pdf(job.bytes) : await html(job.bytes);
  } catch (error) {
    return {
      ok: false,
      problem: `the ${job.kind.toUpperCase()} file cannot be read (${(error as Error).name})`,
    };
  }
}

parentPort?.on('message', ({ id, job }: { id: number; job: ExtractJob }) => {
  void run(job).then((answer) => parentPort?.postMessage({ id, answer }));
});
