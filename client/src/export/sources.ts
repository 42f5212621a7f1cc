import { useEffect, useState } from 'react';
import { fetchSources } from '../api/endpoints.js';
import type { EvidenceT } from '../api/types.js';

export interface SourceInfo {
  id: string;
  title: string;
  publisher: string | null;
}

let cache: Promise<SourceInfo[]> | null = null;

function loadSources(): Promise<SourceInfo[]> {
  cache ??= fetchSources().then(
    (body) => body.sources,
    () => {
      cache = null;
      return [];
    },
  );
  return cache;
}

/** The sources by id (titles and publishers for source lines); empty until they arrive. */
export function useSources(): Record<string, SourceInfo> {
  const [sources, setSources] = useState<Record<string, SourceInfo>>({});
  useEffect(() => {
    let live = true;
    void loadSources().then((list) => {
      if (live) setSources(Object.fromEntries(list.map((s) => [s.id, s])));
    });
    return () => {
      live = false;
    };
  }, []);
  return sources;
}

/** "No Mercy in Xinjiang, The Publisher" or the id when the title is unknown. */
export function sourceName(sourceId: string, sources: Record<string, SourceInfo>): string {
  const source = sources[sourceId];
  if (!source) return sourceId;
  return source.publisher ? `${source.title}, ${source.publisher}` : source.title;
}

/** The line under an image or a caption: the quote and where it comes from. */
export function sourceLine(quote: EvidenceT | null, sources: Record<string, SourceInfo>): string {
  if (quote) return `“${quote.quote}” — ${sourceName(quote.sourceId, sources)}`;
  const names = Object.keys(sources).map((id) => sourceName(id, sources));
  return names.length ? `Source: ${names.join('; ')}` : '';
}
