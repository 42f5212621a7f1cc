/**
 * Query templates by entity, as data: the workbench lists them, asks for their parameters and runs
 * the Cypher through POST /api/cypher. Each query reads its inputs only as $parameters (values are
 * never spliced into the text), so a template cannot be turned into another query by what is typed
 * into it, and the text a user copies is exactly the text that ran.
 *
 * Queries return nodes, relationships and paths next to plain columns, so the console's graph payload
 * fills and the same result reads as a table and as a graph.
 */

export type TemplateParamKind = 'entity' | 'integer';

export interface TemplateParam {
  /** The Cypher parameter name, `$name` in the query. */
  name: string;
  label: string;
  kind: TemplateParamKind;
  default?: string | number;
  /** Bounds of an integer parameter, both inclusive. */
  min?: number;
  max?: number;
}

export interface QueryTemplate {
  id: string;
  title: string;
  description: string;
  params: TemplateParam[];
  cypher: string;
}

export type TemplateValue = string | number;

const x: TemplateParam = { name: 'x', label: 'Entity', kind: 'entity', default: 'chen-quanguo' };

export const neighbourhoodTemplate: QueryTemplate = {
  id: 'neighbourhood',
  title: 'Everything within N hops',
  description:
    'Every entity reachable from the entity in at most N relationships (1 to 3), nearest first, with the relationships among them. Only entities are walked: mentions lead to sources, so they are never followed.',
  params: [x, { name: 'hops', label: 'Hops', kind: 'integer', default: 1, min: 1, max: 3 }],
  cypher: `// Everything within $hops hops of $x, walking entities only (mentions lead to sources).
MATCH (x:Entity {id: $x})
OPTIONAL MATCH p = ANY SHORTEST (x)(()-[:!MENTIONED_IN]-(:Entity)){1,3}(y:Entity)
WHERE y <> x AND length(p) <= $hops
WITH x, collect(CASE WHEN y IS NOT NULL THEN {node: y, hops: length(p)} END) AS reached
WITH [{node: x, hops: 0}] + reached AS members
UNWIND members AS member
WITH member.node AS entity, member.hops AS hops, members
// Each relationship inside the neighbourhood is listed once: on the row of its end that comes later
// (farther out, or the same distance and a larger element id), so the graph shows all of them.
OPTIONAL MATCH (entity)-[r:!MENTIONED_IN]-(other:Entity)
WITH entity, hops, r, other, [m IN members WHERE m.node = other | m.hops][0] AS otherHops
WITH entity, hops,
  collect(CASE WHEN otherHops < hops OR (otherHops = hops AND elementId(other) < elementId(entity)) THEN r END)
    AS relationships
RETURN entity.id AS id, entity.name AS name, entity.kind AS kind, hops, entity, relationships
ORDER BY hops, name`,
};

export const whoAssertsTemplate: QueryTemplate = {
  id: 'who-asserts',
  title: 'Who asserts what about X',
  description:
    'Every relationship touching the entity with who asserts it and how (reported, claimed, disputed, denied), one row per asserter. Relationships the source states in its own voice come last, as asserted by the source itself.',
  params: [x],
  cypher: `// Who asserts each relationship touching $x, and with what stance.
MATCH (x:Entity {id: $x})-[r:!MENTIONED_IN]-(other:Entity)
// assertedBy is a list of entity ids; absent when the source states the relationship itself.
UNWIND CASE
    WHEN r.assertedBy IS NULL THEN [null]
    WHEN r.assertedBy IS :: STRING THEN [r.assertedBy]
    ELSE r.assertedBy
  END AS asserterId
OPTIONAL MATCH (asserter:Entity {id: asserterId})
RETURN coalesce(asserter.name, asserterId, 'the source itself') AS asserter, asserterId,
  coalesce(r.stance, 'reported') AS stance, startNode(r).name AS subject, type(r) AS type,
  endNode(r).name AS object, r.description AS statement, r AS relationship
ORDER BY asserterId IS NULL, asserter, stance, type, object`,
};

export const shortestChainTemplate: QueryTemplate = {
  id: 'shortest-chain',
  title: 'Shortest chain between X and Y',
  description:
    'Every shortest chain of relationships between two entities, ignoring direction and walking entities only, one row per chain.',
  params: [x, { name: 'y', label: 'Other entity', kind: 'entity', default: 'xi-jinping' }],
  cypher: `// The shortest chains between $x and $y, in either direction, through entities only.
MATCH (x:Entity {id: $x}), (y:Entity {id: $y})
MATCH p = ALL SHORTEST (x)(()-[:!MENTIONED_IN]-(:Entity))+(y)
RETURN length(p) AS hops, [n IN nodes(p) | n.name] AS chain, [r IN relationships(p) | type(r)] AS via, p AS path`,
};

export const eventsTemplate: QueryTemplate = {
  id: 'events-by-year',
  title: 'Events involving X by year',
  description:
    'Events linked to the entity in order of their dates, with the precision each date has (2014 is a year, not 1 January 2014). Undated events come last.',
  params: [x],
  cypher: `// Events linked to $x, in date order. Dates are ISO-8601 prefixes (2014, 2016-08, 2019-11-24),
// which sort as text in date order; undated events come last.
MATCH (x:Entity {id: $x})-[r:!MENTIONED_IN]-(event:Event)
WITH event, collect(r) AS relationships
RETURN toInteger(left(event.dateStart, 4)) AS year, event.dateStart AS dateStart, event.dateEnd AS dateEnd,
  event.datePrecision AS precision, event.name AS name, [r IN relationships | type(r)] AS via, event,
  relationships
ORDER BY event.dateStart IS NULL, event.dateStart, name`,
};

/**
 * Sentences are found in Cypher from the source text itself, so they need nothing stored beyond the
 * mentions: a sentence ends after `.`, `!` or `?` (and any closing quote or bracket right after it)
 * when whitespace or the end of the text follows, and at every line break, so headlines and
 * captions without a full stop are sentences of their own. The sentence of a mention runs from the
 * last end at or before its start (skipping leading whitespace) to the first end after it.
 * Abbreviations such as "U.S. officials" would end a sentence early; the article has none.
 * Offsets: Neo4j counts string positions in code points and mentions are stored in UTF-16 code
 * units; the two agree for every source without characters outside the Basic Multilingual Plane
 * (the article has none; a source with emoji would shift the boundaries by that many positions).
 */
export const coMentionsTemplate: QueryTemplate = {
  id: 'co-mentions',
  title: 'Mentioned in the same sentences as X',
  description:
    'Entities the source mentions in a sentence that also mentions the entity, with those sentences. A sentence ends at ., ! or ? followed by a space (closing quotes included) and at each line break.',
  params: [x],
  cypher: `// Entities mentioned in the same sentences as $x. Sentence ends: after . ! or ? (and closing quotes
// or brackets) followed by whitespace or the end of the text, and at every line break.
MATCH (x:Entity {id: $x})-[:MENTIONED_IN]->(s:Source)
WITH DISTINCT x, s, s.text AS t
WITH x, s, t, [i IN range(0, size(t) - 1) WHERE
    substring(t, i, 1) = '\\n'
    OR (substring(t, i, 1) IN ['.', '!', '?']
      AND (substring(t, i + 1, 1) IN ['', ' ', '\\n', '\\t']
        OR (substring(t, i + 1, 1) IN ['”', '’', '"', "'", ')', ']']
          AND substring(t, i + 2, 1) IN ['', ' ', '\\n', '\\t'])))
  | CASE
      WHEN substring(t, i, 1) = '\\n' THEN i
      WHEN substring(t, i + 1, 1) IN ['”', '’', '"', "'", ')', ']'] THEN i + 2
      ELSE i + 1
    END] AS ends
MATCH (x)-[m:MENTIONED_IN]->(s)
WITH x, s, t, reduce(a = 0, e IN ends | CASE WHEN e <= m.start AND e > a THEN e ELSE a END) AS after,
  reduce(b = size(t), e IN ends | CASE WHEN e > m.start AND e < b THEN e ELSE b END) AS sentenceEnd
WITH DISTINCT x, s, t, sentenceEnd,
  after + size(substring(t, after, sentenceEnd - after)) - size(ltrim(substring(t, after, sentenceEnd - after)))
    AS sentenceStart
MATCH (other:Entity)-[o:MENTIONED_IN]->(s)
WHERE other <> x AND o.start >= sentenceStart AND o.start < sentenceEnd
WITH x, other, s, t, sentenceStart, sentenceEnd, o ORDER BY o.start
WITH x, other, s, t, sentenceStart, sentenceEnd, collect(o.text) AS mentionedAs ORDER BY s.id, sentenceStart
WITH x, other, collect({sourceId: s.id, start: sentenceStart, end: sentenceEnd, mentionedAs: mentionedAs,
  sentence: substring(t, sentenceStart, sentenceEnd - sentenceStart)}) AS sentences
RETURN other.id AS id, other.name AS name, other.kind AS kind, size(sentences) AS sharedSentences, sentences,
  other AS entity, x AS mentionedWith
ORDER BY sharedSentences DESC, name`,
};

export const sourceSaysTemplate: QueryTemplate = {
  id: 'source-says',
  title: 'What the source says about X',
  description:
    'Every passage of the sources about the entity in reading order: the evidence quotes of its relationships (with the relationships each supports) and the places it is mentioned, each with its source and offsets.',
  params: [x],
  cypher: `// What the sources say about $x: evidence of its relationships and its mentions, in reading order.
MATCH (x:Entity {id: $x})
CALL (x) {
  MATCH (x)-[r:!MENTIONED_IN]-(:Entity)
  UNWIND range(0, size(r.evidenceQuote) - 1) AS i
  WITH r, r.evidenceSource[i] AS sourceId, r.evidenceStart[i] AS start, r.evidenceEnd[i] AS end,
    r.evidenceQuote[i] AS quote
  RETURN 'evidence' AS kind, sourceId, start, end, quote, collect(r) AS relationships
  UNION ALL
  MATCH (x)-[m:MENTIONED_IN]->(s:Source)
  RETURN 'mention' AS kind, s.id AS sourceId, m.start AS start, m.end AS end, m.text AS quote,
    [] AS relationships
}
RETURN sourceId, start, end, kind, quote, [r IN relationships | type(r)] AS types, relationships
ORDER BY sourceId, start, end DESC, kind`,
};

export const templates: readonly QueryTemplate[] = [
  neighbourhoodTemplate,
  whoAssertsTemplate,
  shortestChainTemplate,
  eventsTemplate,
  coMentionsTemplate,
  sourceSaysTemplate,
];

export function templateById(id: string): QueryTemplate | undefined {
  return templates.find((template) => template.id === id);
}

/** The same rule as the API's entity ids (contract/common.ts). */
const entityIdPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const entityIdMaxLength = 200;

export interface TemplateProblem {
  param: string;
  message: string;
}

export class TemplateValuesError extends Error {
  constructor(readonly problems: readonly TemplateProblem[]) {
    super(problems.map((problem) => problem.message).join(' '));
    this.name = 'TemplateValuesError';
  }
}

function checkValue(param: TemplateParam, raw: unknown): { value: TemplateValue } | { problem: string } {
  if (param.kind === 'entity') {
    const notAnId = { problem: `${param.label} must be an entity id such as chen-quanguo.` };
    if (typeof raw !== 'string') return notAnId;
    const id = raw.trim();
    if (id === '') return { problem: `${param.label} is required.` };
    if (id.length > entityIdMaxLength || !entityIdPattern.test(id)) return notAnId;
    return { value: id };
  }
  // Form fields hand over text, so a number may arrive as "2"; anything else is not a whole number.
  const text = typeof raw === 'string' ? raw.trim() : raw;
  const number =
    typeof text === 'number' ? text : typeof text === 'string' && /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(number)) return { problem: `${param.label} must be a whole number.` };
  if (param.min !== undefined && number < param.min) {
    return { problem: `${param.label} must be at least ${param.min}.` };
  }
  if (param.max !== undefined && number > param.max) {
    return { problem: `${param.label} must be at most ${param.max}.` };
  }
  return { value: number };
}

/**
 * Checks the values for a template's parameters (a missing or empty value takes the default) and
 * lists what is wrong, one problem per parameter, for a form to show beside its fields. Values for
 * names the template does not have are ignored, so one set of values can serve several templates.
 */
export function checkTemplateValues(
  template: QueryTemplate,
  values: Readonly<Record<string, unknown>>,
): { params: Record<string, TemplateValue>; problems: TemplateProblem[] } {
  const params: Record<string, TemplateValue> = {};
  const problems: TemplateProblem[] = [];
  for (const param of template.params) {
    const given = values[param.name];
    const raw = given === undefined || given === null || given === '' ? param.default : given;
    if (raw === undefined) {
      problems.push({ param: param.name, message: `${param.label} is required.` });
      continue;
    }
    const checked = checkValue(param, raw);
    if ('problem' in checked) problems.push({ param: param.name, message: checked.problem });
    else params[param.name] = checked.value;
  }
  return { params, problems };
}

/** The query and parameters to send to POST /api/cypher; throws TemplateValuesError on bad values. */
export function fillTemplate(
  template: QueryTemplate,
  values: Readonly<Record<string, unknown>>,
): { query: string; params: Record<string, TemplateValue> } {
  const { params, problems } = checkTemplateValues(template, values);
  if (problems.length > 0) throw new TemplateValuesError(problems);
  return { query: template.cypher, params };
}

function cypherString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

function cypherName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

function cypherLiteral(value: TemplateValue): string {
  if (typeof value === 'string') return cypherString(value);
  // `:param n => 2` makes an integer and `=> 2.5` a float, as the same JSON number does in the console.
  if (!Number.isFinite(value)) throw new RangeError(`Cannot write ${value} as a Cypher literal`);
  return String(value);
}

/**
 * The query as one text to paste into Neo4j Browser: a `:param` line per parameter, as the Browser
 * writes them, then the query, so what runs there is what ran here.
 */
export function toCypherText(query: string, params: Readonly<Record<string, TemplateValue>>): string {
  const lines = Object.entries(params).map(
    ([name, value]) => `:param ${cypherName(name)} => ${cypherLiteral(value)};`,
  );
  return lines.length === 0 ? query : `${lines.join('\n')}\n\n${query}`;
}
