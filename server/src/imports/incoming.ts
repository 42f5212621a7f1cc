// What the HTTP edge hands the import: a pasted text or an uploaded file's bytes, turned into text,
// with the import's own refusals (413, 415, 422) given their status here and nowhere deeper.
import type { Request } from 'express';
import type { Driver } from 'neo4j-driver';
import type { ImportMetaT } from '../../../contract/imports.js';
import { AppError } from '../http/errors.js';
import { extract, ExtractError, type ExtractLimits } from './extract.js';
import { importSource, TextTooLargeError } from './use-cases.js';

async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TextTooLargeError) throw new AppError(413, 'PAYLOAD_TOO_LARGE', error.message);
    if (error instanceof ExtractError) {
      throw new AppError(
        error.status,
        error.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'UNPROCESSABLE',
        error.message,
      );
    }
    throw error;
  }
}

export function importPasted(
  driver: Driver,
  body: ImportMetaT & { text: string; format: 'text' | 'markdown' },
  author: string,
) {
  const { text, format, ...meta } = body;
  return answering(() =>
    importSource(
      driver,
      meta,
      {
        text,
        mediaType: format === 'markdown' ? 'text/markdown' : 'text/plain',
        pageStarts: [],
        bytes: new TextEncoder().encode(text),
      },
      author,
    ),
  );
}

export function importUploaded(
  driver: Driver,
  meta: ImportMetaT,
  req: Request,
  author: string,
  limits?: ExtractLimits,
) {
  return answering(async () => {
    const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    const extracted = await extract(bytes, req.get('content-type'), limits);
    return importSource(driver, meta, { ...extracted, bytes }, author);
  });
}
