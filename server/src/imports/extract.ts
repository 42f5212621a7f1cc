// From uploaded bytes to the text Trove stores. The type comes from the content (magic bytes, UTF-8
// validity, markup), never from the file's name; a declared type that the content contradicts is
// refused as mislabelled. PDF and HTML are parsed on a worker thread with a time and a heap limit.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { importMediaTypes } from '../../../contract/imports.js';
import type { ExtractAnswer, ExtractJob } from './extract-worker.js';

export type MediaType = (typeof importMediaTypes)[number];

/** Why a file was refused: 415 for what is not a document Trove reads, 422 for one it cannot read. */
export class ExtractError extends Error {
  constructor(
    readonly status: 415 | 422,
    message: string,
  ) {
    super(message);
    this.name = 'ExtractError';
  }
}

export interface Extracted {
  text: string;
  mediaType: MediaType;
  pageStarts: number[];
  title: string | null;
}

export interface ExtractLimits {
  timeMs: number;
  heapMb: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = { timeMs: 20_000, heapMb: 256 };

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** What the bytes are, by their content alone. */
export function sniff(bytes: Uint8Array): 'pdf' | 'zip' | 'gzip' | 'binary' | 'html' | 'text' {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return 'zip';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'gzip';
  const head = bytes.subarray(0, 8_192);
  if (head.includes(0)) return 'binary';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'binary';
  }
  const start = new TextDecoder('utf-8')
    .decode(head)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 200)
    .toLowerCase();
  if (/^(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<!--)/.test(start)) return 'html';
  return 'text';
}

const declaredKind = (contentType: string | undefined): 'pdf' | 'html' | 'text' | 'any' => {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/plain' || type === 'text/markdown' || type === 'text/x-markdown') return 'text';
  return 'any';
};

const workerFile = new URL('./extract-worker.ts', import.meta.url);
const tsxApi = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
).href;
// As for the console's threads: loader hooks do not reach worker threads, so tsx is registered here.
const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(workerFile.href)}); })`;

/**
 * Warm workers waiting for a job, by heap limit. Starting a worker (tsx, then linkedom, Readability
 * or pdf.js) took most of an HTML upload's time, so a worker that answered is kept for the next
 * job; one that overran its time or heap is ended, and the next job starts a fresh one.
 */
const idle: { worker: Worker; heapMb: number }[] = [];
const MAX_IDLE = 1;
let jobs = 0;
let started = 0;

/** How many workers were started and how many wait now (for tests of the reuse). */
export function extractWorkers(): { started: number; idle: number } {
  return { started, idle: idle.length };
}

function spawn(heapMb: number): Worker {
  started += 1;
  const worker = new Worker(bootstrap, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 },
  });
  // A waiting worker that fails or exits is simply no longer waiting (a job has its own listeners).
  const forget = () => {
    const at = idle.findIndex((slot) => slot.worker === worker);
    if (at >= 0) idle.splice(at, 1);
  };
  worker.on('error', forget);
  worker.on('exit', forget);
  return worker;
}

/** One job on a worker thread: the worker is ended when the job overruns its time or its heap. */
function onWorker(job: ExtractJob, limits: ExtractLimits): Promise<ExtractAnswer> {
  const at = idle.findIndex((slot) => slot.heapMb === limits.heapMb);
  const worker = at >= 0 ? (idle.splice(at, 1)[0] as { worker: Worker }).worker : spawn(limits.heapMb);
  worker.ref();
  const id = (jobs += 1);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: ExtractAnswer, reusable: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable && idle.filter((slot) => slot.heapMb === limits.heapMb).length < MAX_IDLE) {
        // A waiting worker does not keep the process alive.
        worker.unref();
        idle.push({ worker, heapMb: limits.heapMb });
      } else void worker.terminate();
      resolve(answer);
    };
    const onMessage = (message: { id: number; answer: ExtractAnswer }) => {
      if (message.id === id) settle(message.answer, true);
    };
    const onError = (error: Error & { code?: string }) =>
      settle(
        {
          ok: false,
          problem:
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `reading the file needed more than ${limits.heapMb} MB`
              : 'the file could not be read',
        },
        false,
      );
    const onExit = () => settle({ ok: false, problem: 'the file could not be read' }, false);
    const timer = setTimeout(
      () =>
        settle({ ok: false, problem: `reading the file took longer than ${limits.timeMs / 1000} s` }, false),
      limits.timeMs,
    );
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ id, job });
  });
}

/** The text of an uploaded file, or an ExtractError saying why there is none. */
export async function extract(
  bytes: Uint8Array,
  contentType: string | undefined,
  limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS,
): Promise<Extracted> {
  if (bytes.length === 0) throw new ExtractError(422, 'The file is empty.');
  const kind = sniff(bytes);
  if (kind === 'zip' || kind === 'gzip')
    throw new ExtractError(415, `The file is a ${kind} archive; unpack it and upload the document itself.`);
  if (kind === 'binary')
    throw new ExtractError(415, 'The file is not text, Markdown, HTML or PDF (binary content or not UTF-8).');
  const declared = declaredKind(contentType);
  const isMarkdown = /^text\/(x-)?markdown/i.test(contentType ?? '');
  if (declared !== 'any' && declared !== kind) {
    throw new ExtractError(
      415,
      `The file is declared as ${contentType?.split(';')[0]} but its content is ${kind === 'pdf' ? 'a PDF' : kind === 'html' ? 'HTML' : 'plain text'}.`,
    );
  }
  if (kind === 'text') {
    const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
    if (text.trim() === '') throw new ExtractError(422, 'The file has no text.');
    return { text, mediaType: isMarkdown ? 'text/markdown' : 'text/plain', pageStarts: [], title: null };
  }
  const answer = await onWorker({ kind, bytes }, limits);
  if (!answer.ok)
    throw new ExtractError(422, `${answer.problem[0]?.toUpperCase()}${answer.problem.slice(1)}.`);
  return {
    text: answer.text,
    mediaType: kind === 'pdf' ? 'application/pdf' : 'text/html',
    pageStarts: answer.pageStarts,
    title: answer.title,
  };
}
