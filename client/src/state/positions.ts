/** A node's place in the graph's model coordinates. */
export interface Point {
  x: number;
  y: number;
}

/** Node id → where the user put it (by dragging), away from where the seeded layout puts it. */
export type Positions = Record<string, Point>;

/** Beyond this many characters the positions are left out of a link: it opens with the seeded layout. */
export const POSITIONS_CAP = 2000;

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SEED_REF = /^\.(\d{1,3})$/;
const NUMBER = /^-?[0-9a-z]{1,6}$/;

/**
 * The moved nodes for a link, compactly: `ref:x:y` joined by ',', where x and y are whole pixels
 * in base 36 and ref is the node's id, or `.N` for the N-th seed (already in the URL, not repeated).
 * A longer text than POSITIONS_CAP is dropped whole: a link with half the positions would look
 * like neither what the sender saw nor the seeded layout.
 */
export function encodePositions(moved: Positions, seeds: readonly string[]): string {
  const parts: string[] = [];
  for (const [id, p] of Object.entries(moved)) {
    if (!ID.test(id) || !Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const seed = seeds.indexOf(id);
    const ref = seed >= 0 ? `.${seed}` : id;
    parts.push(`${ref}:${Math.round(p.x).toString(36)}:${Math.round(p.y).toString(36)}`);
  }
  const text = parts.join(',');
  return text.length > POSITIONS_CAP ? '' : text;
}

/** Reads encodePositions' text; anything it cannot read is left out, never thrown. */
export function decodePositions(text: string | null, seeds: readonly string[]): Positions {
  const moved: Positions = {};
  if (!text || text.length > POSITIONS_CAP) return moved;
  for (const item of text.split(',')) {
    const [ref = '', x = '', y = '', ...rest] = item.split(':');
    if (rest.length || !NUMBER.test(x) || !NUMBER.test(y)) continue;
    const seed = SEED_REF.exec(ref);
    const id = seed ? seeds[Number(seed[1])] : ID.test(ref) ? ref : undefined;
    if (!id) continue;
    const px = Number.parseInt(x, 36);
    const py = Number.parseInt(y, 36);
    if (Number.isFinite(px) && Number.isFinite(py)) moved[id] = { x: px, y: py };
  }
  return moved;
}
