// Mentions of entities the graph already has, found with the seed's own longest-match scan (names
// and sourced aliases, first letter in either case), so a draft shows the mentions that publishing
// will store. Diacritics are folded on both sides, one code unit for one, so offsets stay valid.
import { createMatcher, type MentionPattern } from '../../../seed/src/mentions.js';
import type { EntityKind } from '../../../model/index.js';

export interface KnownEntity {
  id: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  backgroundAliases: string[];
}

export interface KnownMention {
  entityId: string;
  name: string;
  kind: EntityKind;
  start: number;
  end: number;
  text: string;
}

const folded = new Map<string, string>();

/** "é" → "e", "Ü" → "U"; characters that do not fold to one code unit stay as they are. */
function foldChar(char: string): string {
  let out = folded.get(char);
  if (out === undefined) {
    const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
    out = base.length === 1 ? base : char;
    folded.set(char, out);
  }
  return out;
}

export function foldDiacritics(text: string): string {
  // Plain ASCII is the common case and folds to itself.
  if (/^\p{ASCII}*$/u.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i += 1) out += foldChar(text.charAt(i));
  return out;
}

/** The patterns of the known entities: names and sourced aliases (background ones are never matched). */
export function patternsOf(entities: readonly KnownEntity[]): MentionPattern[] {
  const patterns: MentionPattern[] = [];
  for (const entity of entities) {
    const background = new Set(entity.backgroundAliases);
    for (const spelling of [entity.name, ...entity.aliases.filter((a) => !background.has(a))]) {
      patterns.push({ entity: entity.id, text: foldDiacritics(spelling) });
    }
  }
  return patterns;
}

export function findKnownMentions(text: string, entities: readonly KnownEntity[]): KnownMention[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const match = createMatcher(patternsOf(entities));
  return match(foldDiacritics(text)).flatMap((found) => {
    const entity = byId.get(found.entity);
    if (!entity) return [];
    return [
      {
        entityId: entity.id,
        name: entity.name,
        kind: entity.kind,
        start: found.start,
        end: found.end,
        text: text.slice(found.start, found.end),
      },
    ];
  });
}
