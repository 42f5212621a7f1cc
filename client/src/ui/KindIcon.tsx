import type { EntityKind } from '../api/types.js';
import { KIND_STYLE, type Shape } from './kinds.js';

const POINTS: Partial<Record<Shape, string>> = {
  diamond: '8,1 15,8 8,15 1,8',
  hexagon: '4.5,1.5 11.5,1.5 15,8 11.5,14.5 4.5,14.5 1,8',
  star: '8,0.8 10.1,5.6 15.2,5.9 11.3,9.2 12.5,14.3 8,11.6 3.5,14.3 4.7,9.2 0.8,5.9 5.9,5.6',
  triangle: '8,1.5 15,14.5 1,14.5',
  rhomboid: '4.5,3 15,3 11.5,13 1,13',
};

/** The kind's graph shape and colour in small, so legend, lists and suggestions read like the graph. */
export function KindIcon({ kind, size = 14 }: { kind: EntityKind; size?: number }) {
  const style = KIND_STYLE[kind];
  const common = { fill: style.color, stroke: style.border, strokeWidth: 1.2 };
  return (
    <svg
      className="kind-icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      {style.shape === 'ellipse' ? (
        <circle cx="8" cy="8" r="6.5" {...common} />
      ) : style.shape === 'round-rectangle' ? (
        <rect x="1.5" y="3" width="13" height="10" rx="3" {...common} />
      ) : (
        <polygon points={POINTS[style.shape]} {...common} />
      )}
    </svg>
  );
}
