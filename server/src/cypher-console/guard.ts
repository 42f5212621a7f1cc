import type { Plan } from 'neo4j-driver';

/**
 * What the console may run. The READ session is the guarantee (the server itself refuses writes);
 * these checks come first so that a refused query is explained instead of failing half-way, and so
 * that what a READ session does not stop — reading files with LOAD CSV, committing batches with
 * CALL … IN TRANSACTIONS, administration procedures and commands — is refused too.
 */

/** Read-only introspection and the full-text search; everything else a CALL can reach is refused. */
export const allowedProcedures: ReadonlySet<string> = new Set([
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
]);

/**
 * SHOW commands that only describe the schema and the callable vocabulary. Other SHOW commands
 * expose settings, other users' transactions or the system database, and TERMINATE stops them;
 * Neo4j reports several of those as read-only queries, so they are refused by operator.
 */
const allowedShowOperators: ReadonlySet<string> = new Set([
  'ShowIndexes',
  'ShowConstraints',
  'ShowProcedures',
  'ShowFunctions',
]);

const writeOperator = /^(Create|Merge|LockingMerge|Set|Delete|DetachDelete|Remove|Foreach|Drop)/;
// Other administration commands plan as AdministrationCommand and query type 's'.
const adminOperator = /^(Show|Terminate|AdministrationCommand)/;

/** Refusal reasons are shown to the user as they are, so each names what was refused and why. */
export class Refusal {
  constructor(readonly reason: string) {}
}

/**
 * Blanks out string literals, quoted identifiers and comments, keeping every other character in
 * place, so that keyword checks neither fire on `'load csv'` in a string nor miss `LOAD/**\/CSV`.
 */
export function codeOnly(query: string): string {
  let out = '';
  let i = 0;
  while (i < query.length) {
    const c = query.charAt(i);
    const next = query[i + 1];
    if (c === '/' && next === '/') {
      while (i < query.length && query[i] !== '\n') {
        out += ' ';
        i += 1;
      }
    } else if (c === '/' && next === '*') {
      const end = query.indexOf('*/', i + 2);
      const stop = end === -1 ? query.length : end + 2;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < query.length && query[j] !== c) j += c !== '`' && query[j] === '\\' ? 2 : 1;
      const stop = Math.min(j + 1, query.length);
      out += ' '.repeat(stop - i);
      i = stop;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** A first, textual pass; the plan check below is the one that does not depend on spelling. */
export function checkText(query: string): Refusal | null {
  const code = codeOnly(query);
  if (/\bLOAD\s+CSV\b/i.test(code)) {
    return new Refusal('LOAD CSV is refused: the console does not read files or URLs.');
  }
  if (/\}\s*IN\s+(?:\S+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b/i.test(code)) {
    return new Refusal('CALL { … } IN TRANSACTIONS is refused: the console runs one read transaction.');
  }
  if (/\bapoc\s*\./i.test(code)) {
    return new Refusal('APOC procedures and functions are refused in the console.');
  }
  return null;
}

/** Also used when Neo4j does not know the procedure at all (APOC is not installed, for one). */
export function procedureRefusal(name: string | null): Refusal {
  return new Refusal(
    `Refused: procedure ${name ?? '(unnamed)'} is not allowed. The console may call ${[...allowedProcedures].join(', ')}.`,
  );
}

function operatorName(plan: Plan): { operator: string; database: string | undefined } {
  const [operator = '', database] = plan.operatorType.split('@');
  return { operator, database };
}

/** The procedure name at the start of a ProcedureCall's details, e.g. `db.labels() :: (…)`. */
export function procedureName(details: string): string | null {
  const match = /^\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*\(/.exec(details);
  return match?.[1] ?? null;
}

function* operators(plan: Plan): Generator<Plan> {
  yield plan;
  for (const child of plan.children) yield* operators(child);
}

// The clause a user wrote, from the plan step Neo4j made of it (SetProperty, DetachDelete, …).
const clauseOfOperator: [RegExp, string][] = [
  [/^Create/, 'CREATE'],
  [/^(Locking)?Merge/, 'MERGE'],
  [/^Set/, 'SET'],
  [/^DetachDelete/, 'DETACH DELETE'],
  [/^Delete/, 'DELETE'],
  [/^Remove/, 'REMOVE'],
  [/^Foreach/, 'FOREACH'],
  [/^Drop/, 'DROP'],
];

/** A refused write in the reader's words, naming the clause when the plan shows it. */
function writeRefusal(plan: Plan | false): Refusal {
  let clause: string | undefined;
  if (plan) {
    for (const step of operators(plan)) {
      const { operator } = operatorName(step);
      clause = clauseOfOperator.find(([pattern]) => pattern.test(operator))?.[1];
      if (clause) break;
    }
  }
  return new Refusal(
    `This console only reads; ${clause ?? 'this query'} would change the graph, so it was not run (a query that could write is refused).`,
  );
}

/** Checks the EXPLAIN result: the query type Neo4j reports, then every operator of the plan. */
export function checkPlan(queryType: string, plan: Plan | false): Refusal | null {
  if (queryType === 'w' || queryType === 'rw') return writeRefusal(plan);
  if (queryType !== 'r') {
    return new Refusal(
      `Refused: this is a schema or administration command (Neo4j plans it as query type '${queryType}'); the console only reads.`,
    );
  }
  if (!plan) return new Refusal('Refused: Neo4j returned no plan to check for this query.');
  for (const step of operators(plan)) {
    const { operator, database } = operatorName(step);
    if (database === 'system') {
      return new Refusal('Refused: the console does not query the system database.');
    }
    if (operator === 'LoadCSV') {
      return new Refusal('LOAD CSV is refused: the console does not read files or URLs.');
    }
    if (operator === 'TransactionApply' || operator === 'TransactionForeach') {
      return new Refusal('CALL { … } IN TRANSACTIONS is refused: the console runs one read transaction.');
    }
    if (operator === 'ProcedureCall') {
      const name = procedureName(String(step.arguments.Details ?? ''));
      if (name === null || !allowedProcedures.has(name)) return procedureRefusal(name);
    }
    if (writeOperator.test(operator)) return writeRefusal(plan);
    if (adminOperator.test(operator) && !allowedShowOperators.has(operator)) {
      return new Refusal(
        `Refused: ${operator} is an administration command; the console only allows SHOW INDEXES, SHOW CONSTRAINTS, SHOW PROCEDURES and SHOW FUNCTIONS.`,
      );
    }
  }
  return null;
}
