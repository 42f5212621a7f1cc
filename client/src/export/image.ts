import cytoscape, { type Core } from 'cytoscape';
import svgExtension from 'cytoscape-svg';
import type { EntityKind, Stance } from '../api/types.js';
import { KIND_STYLE, KINDS, STANCE_STYLE, STANCES } from '../ui/kinds.js';

cytoscape.use(svgExtension);

export type ImageFormat = 'png' | 'svg';

export interface ImageOptions {
  format: ImageFormat;
  /**
   * Drawn above the graph (wrapped to its width): its first line is the title, in bold; the lines
   * after it (a story step's caption) are drawn smaller, in body type.
   */
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

/** One key of the image's legend: a kind's colour or a stance's line, and its name. */
interface LegendKey {
  label: string;
  color: string;
  border: string;
  line?: 'solid' | 'dashed' | 'dotted';
  x: number;
  y: number;
}

interface LegendBlock {
  keys: LegendKey[];
  size: number;
  height: number;
}

/** The kinds and stances the exported graph shows, as a legend laid out in rows under it. */
function legendBlock(cy: Core, size: number, maxWidth: number): LegendBlock {
  const nodes = cy.nodes(':visible');
  const edges = cy.edges(':visible');
  const kinds = new Set(nodes.map((node) => node.data('kind') as EntityKind));
  const stances = new Set(edges.map((edge) => edge.data('stance') as Stance));
  const entries: Omit<LegendKey, 'x' | 'y'>[] = [
    ...KINDS.filter((kind) => kinds.has(kind)).map((kind) => ({
      label: KIND_STYLE[kind].plural,
      color: KIND_STYLE[kind].color,
      border: KIND_STYLE[kind].border,
    })),
    ...STANCES.filter((stance) => stances.has(stance)).map((stance) => ({
      label: STANCE_STYLE[stance].label,
      color: themeColour(stance === 'reported' ? '--edge' : `--${stance}`, '#8b8b97'),
      border: '',
      line: STANCE_STYLE[stance].line,
    })),
  ];
  measureContext ??= document.createElement('canvas').getContext('2d');
  const ctx = measureContext;
  if (ctx) ctx.font = `400 ${size}px ${FONT}`;
  const lineHeight = Math.round(size * 1.6);
  const keys: LegendKey[] = [];
  let x = 0;
  let y = 0;
  for (const entry of entries) {
    const width =
      size * 2.2 + (ctx?.measureText(entry.label).width ?? entry.label.length * size * 0.6) + size;
    if (x > 0 && x + width > maxWidth) {
      x = 0;
      y += lineHeight;
    }
    keys.push({ ...entry, x, y });
    x += width;
  }
  return { keys, size, height: keys.length ? y + lineHeight : 0 };
}

interface Layout {
  width: number;
  height: number;
  pad: number;
  title: TextBlock;
  caption: TextBlock;
  legend: LegendBlock;
  source: TextBlock;
  graphTop: number;
  graphHeight: number;
  legendTop: number;
  sourceTop: number;
}

function layout(cy: Core, graph: ImageSize, options: ImageOptions, scale: number): Layout {
  const pad = Math.round(16 * scale);
  const inner = Math.max(40, graph.width - 2 * pad);
  const [first = '', ...rest] = (options.caption ?? '').trim().split('\n');
  const title = block(first, Math.round(20 * scale), 700, inner);
  const caption = block(rest.join('\n'), Math.round(13 * scale), 400, inner);
  const legend = legendBlock(cy, Math.round(11 * scale), inner);
  const source = block(options.source, Math.round(11 * scale), 400, inner);
  const gap = Math.round(6 * scale);
  const top =
    title.height || caption.height
      ? pad + title.height + (caption.height ? gap + caption.height : 0) + pad
      : 0;
  const legendTop = top + graph.height + (legend.height ? pad : 0);
  const sourceTop = legendTop + legend.height + (source.height ? (legend.height ? gap : pad) : 0);
  const bottom = sourceTop + source.height + (legend.height || source.height ? pad : 0);
  return {
    width: graph.width,
    height: bottom,
    pad,
    title,
    caption,
    legend,
    source,
    graphTop: top,
    graphHeight: graph.height,
    legendTop,
    sourceTop,
  };
}

const DASHES = { solid: [], dashed: [3, 2], dotted: [1, 2] } as const;

async function exportPng(cy: Core, options: ImageOptions, scale: number, bg: string, fg: string) {
  const graphBlob = await cy.png({ output: 'blob-promise', full: options.full ?? false, scale, bg });
  const bitmap = await createImageBitmap(graphBlob);
  const l = layout(cy, { width: bitmap.width, height: bitmap.height }, options, scale);
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
  draw(l.title, 700, l.pad);
  draw(l.caption, 400, l.pad + l.title.height + Math.round(6 * scale));
  const unit = l.legend.size;
  for (const key of l.legend.keys) {
    const x = l.pad + key.x;
    const y = l.legendTop + key.y;
    if (key.line) {
      ctx.strokeStyle = key.color;
      ctx.lineWidth = Math.max(1, unit / 6);
      ctx.setLineDash(DASHES[key.line].map((d) => d * unit * 0.3));
      ctx.beginPath();
      ctx.moveTo(x, y + unit / 2);
      ctx.lineTo(x + unit * 1.6, y + unit / 2);
      ctx.stroke();
      ctx.setLineDash([]);
    } else {
      ctx.fillStyle = key.color;
      ctx.strokeStyle = key.border;
      ctx.lineWidth = Math.max(1, unit / 10);
      ctx.beginPath();
      ctx.arc(x + unit * 0.8, y + unit / 2, unit * 0.5, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
    }
    ctx.fillStyle = fg;
    ctx.font = `400 ${unit}px ${FONT}`;
    ctx.fillText(key.label, x + unit * 2.2, y);
  }
  ctx.globalAlpha = 0.8;
  draw(l.source, 400, l.sourceTop);
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

function svgLegend(l: Layout, fg: string): string {
  const unit = l.legend.size;
  return l.legend.keys
    .map((key) => {
      const x = l.pad + key.x;
      const y = l.legendTop + key.y;
      const mark = key.line
        ? `<line x1="${x}" y1="${y + unit / 2}" x2="${x + unit * 1.6}" y2="${y + unit / 2}" stroke="${escapeXml(key.color)}" stroke-width="${Math.max(1, unit / 6)}" stroke-dasharray="${DASHES[key.line].map((d) => d * unit * 0.3).join(' ') || 'none'}"/>`
        : `<circle cx="${x + unit * 0.8}" cy="${y + unit / 2}" r="${unit * 0.5}" fill="${escapeXml(key.color)}" stroke="${escapeXml(key.border)}"/>`;
      const label = `<text x="${x + unit * 2.2}" y="${y}" font-family="${escapeXml(FONT)}" font-size="${unit}" fill="${escapeXml(fg)}" dominant-baseline="hanging">${escapeXml(key.label)}</text>`;
      return mark + label;
    })
    .join('');
}

function exportSvg(cy: Core, options: ImageOptions, scale: number, bg: string, fg: string): Blob {
  const raw = (cy as CoreWithSvg).svg({ full: options.full ?? false, scale, bg });
  const doc = new DOMParser().parseFromString(raw, 'image/svg+xml');
  const graph = doc.documentElement;
  const width = Math.round(Number.parseFloat(graph.getAttribute('width') ?? '0'));
  const height = Math.round(Number.parseFloat(graph.getAttribute('height') ?? '0'));
  const l = layout(cy, { width, height }, options, scale);
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
    svgText(l.title, 700, l.pad, l.pad, fg) +
    svgText(l.caption, 400, l.pad, l.pad + l.title.height + Math.round(6 * scale), fg) +
    inner +
    svgLegend(l, fg) +
    svgText(l.source, 400, l.pad, l.sourceTop, fg, 0.8) +
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
