import cytoscape, { type Core } from 'cytoscape';
import svgExtension from 'cytoscape-svg';

cytoscape.use(svgExtension);

export type ImageFormat = 'png' | 'svg';

export interface ImageOptions {
  format: ImageFormat;
  /** Drawn above the graph (wrapped to its width): a title or a story step's caption. */
  caption?: string;
  /** Drawn below the graph in a smaller type: where the view comes from (quote, article, publisher). */
  source?: string;
  /** Pixels per graph pixel; 2 gives a sharp image for slides. Default 2. */
  scale?: number;
  /** The whole graph (true) or what the viewport shows (false, default: "the current view"). */
  full?: boolean;
}

export interface ImageSize {
  width: number;
  height: number;
}

interface CoreWithSvg extends Core {
  svg(options: { full?: boolean; scale?: number; bg?: string }): string;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

function themeColour(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

interface TextBlock {
  lines: string[];
  size: number;
  lineHeight: number;
  height: number;
}

let measureContext: CanvasRenderingContext2D | null = null;

/** Greedy word wrap with the same font the image draws with, so PNG and SVG break alike. */
function wrap(text: string, size: number, weight: number, maxWidth: number): string[] {
  measureContext ??= document.createElement('canvas').getContext('2d');
  const ctx = measureContext;
  if (!ctx) return [text];
  ctx.font = `${weight} ${size}px ${FONT}`;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && ctx.measureText(next).width > maxWidth) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    if (line) lines.push(line);
  }
  return lines;
}

function block(text: string | undefined, size: number, weight: number, maxWidth: number): TextBlock {
  const lines = text?.trim() ? wrap(text.trim(), size, weight, maxWidth) : [];
  const lineHeight = Math.round(size * 1.35);
  return { lines, size, lineHeight, height: lines.length ? lines.length * lineHeight : 0 };
}

interface Layout {
  width: number;
  height: number;
  pad: number;
  caption: TextBlock;
  source: TextBlock;
  graphTop: number;
  graphHeight: number;
}

function layout(graph: ImageSize, options: ImageOptions, scale: number): Layout {
  const pad = Math.round(16 * scale);
  const inner = Math.max(40, graph.width - 2 * pad);
  const caption = block(options.caption, Math.round(18 * scale), 600, inner);
  const source = block(options.source, Math.round(12 * scale), 400, inner);
  const top = caption.height ? caption.height + 2 * pad : 0;
  const bottom = source.height ? source.height + 2 * pad : 0;
  return {
    width: graph.width,
    height: top + graph.height + bottom,
    pad,
    caption,
    source,
    graphTop: top,
    graphHeight: graph.height,
  };
}

async function exportPng(cy: Core, options: ImageOptions, scale: number, bg: string, fg: string) {
  const graphBlob = await cy.png({ output: 'blob-promise', full: options.full ?? false, scale, bg });
  const bitmap = await createImageBitmap(graphBlob);
  const l = layout({ width: bitmap.width, height: bitmap.height }, options, scale);
  const canvas = document.createElement('canvas');
  canvas.width = l.width;
  canvas.height = l.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw images (no 2D canvas).');
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, l.width, l.height);
  ctx.drawImage(bitmap, 0, l.graphTop);
  bitmap.close();
  ctx.fillStyle = fg;
  ctx.textBaseline = 'top';
  const draw = (text: TextBlock, weight: number, y: number) => {
    ctx.font = `${weight} ${text.size}px ${FONT}`;
    text.lines.forEach((line, i) => ctx.fillText(line, l.pad, y + i * text.lineHeight));
  };
  draw(l.caption, 600, l.pad);
  ctx.globalAlpha = 0.8;
  draw(l.source, 400, l.graphTop + l.graphHeight + l.pad);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be encoded.'))),
      'image/png',
    ),
  );
}

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function svgText(text: TextBlock, weight: number, x: number, y: number, fg: string, opacity = 1): string {
  if (!text.lines.length) return '';
  const spans = text.lines
    .map((line, i) => `<tspan x="${x}" y="${y + i * text.lineHeight}">${escapeXml(line)}</tspan>`)
    .join('');
  return `<text font-family="${escapeXml(FONT)}" font-size="${text.size}" font-weight="${weight}" fill="${escapeXml(fg)}" fill-opacity="${opacity}" dominant-baseline="hanging">${spans}</text>`;
}

function exportSvg(cy: Core, options: ImageOptions, scale: number, bg: string, fg: string): Blob {
  const raw = (cy as CoreWithSvg).svg({ full: options.full ?? false, scale, bg });
  const doc = new DOMParser().parseFromString(raw, 'image/svg+xml');
  const graph = doc.documentElement;
  const width = Math.round(Number.parseFloat(graph.getAttribute('width') ?? '0'));
  const height = Math.round(Number.parseFloat(graph.getAttribute('height') ?? '0'));
  const l = layout({ width, height }, options, scale);
  graph.setAttribute('x', '0');
  graph.setAttribute('y', String(l.graphTop));
  graph.removeAttribute('xmlns');
  const inner = new XMLSerializer().serializeToString(graph);
  const title = options.caption?.trim() ? `<title>${escapeXml(options.caption.trim())}</title>` : '';
  const text =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${l.width}" height="${l.height}" viewBox="0 0 ${l.width} ${l.height}">` +
    title +
    `<rect width="100%" height="100%" fill="${escapeXml(bg)}"/>` +
    svgText(l.caption, 600, l.pad, l.pad, fg) +
    inner +
    svgText(l.source, 400, l.pad, l.graphTop + l.graphHeight + l.pad, fg, 0.8) +
    `</svg>`;
  return new Blob([text], { type: 'image/svg+xml' });
}

/**
 * The graph as an image with its caption above and its source line below, in the page's theme.
 * Get `cy` from `graphController().cy`. PNG is `scale` × the viewport (or the whole graph with
 * `full`); SVG has the same size in user units, with width, height and viewBox set.
 */
export async function exportViewImage(cy: Core, options: ImageOptions): Promise<Blob> {
  const scale = options.scale ?? 2;
  const bg = themeColour('--surface', '#ffffff');
  const fg = themeColour('--fg', '#1d1d1f');
  return options.format === 'png'
    ? exportPng(cy, options, scale, bg, fg)
    : exportSvg(cy, options, scale, bg, fg);
}

/** Offers a blob as a file download. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once click() returns; revoke a little later for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a title: "Chen Quanguo takes over" → "chen-quanguo-takes-over". */
export function fileSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'trove';
}
