import type { Plan } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { checkPlan, checkText, codeOnly, procedureName } from './guard.js';

/** A plan as the driver returns it: operators named `Operator@database`, details in arguments. */
function plan(operatorType: string, details = '', children: Plan[] = []): Plan {
  return { operatorType, identifiers: [], arguments: { Details: details }, children } as Plan;
}
const read = (...children: Plan[]) => plan('ProduceResults@neo4j', 'x', children);

describe('the console’s text check', () => {
  it('refuses file access, batched transactions and APOC however they are spelled', () => {
    for (const query of [
      "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
      "load  csv with headers from 'file:///x' as r return r",
      "LOAD/* comment */CSV FROM 'file:///x' AS r RETURN r",
      'LOAD // comment\nCSV FROM $url AS r RETURN r',
      'CALL () { CREATE (:X) } IN TRANSACTIONS',
      'MATCH (n) CALL (n) { RETURN n.id AS id } in 3 concurrent transactions RETURN id',
      'CALL () { RETURN 1 AS x } IN TRANSACTIONS OF 10 ROWS RETURN x',
      'RETURN apoc.version()',
      'CALL APOC . periodic.iterate("a", "b", {})',
    ]) {
      expect(checkText(query), query).not.toBeNull();
    }
  });

  it('does not refuse the same words inside strings, quoted names or comments', () => {
    for (const query of [
      "MATCH (n) WHERE n.description CONTAINS 'load csv' RETURN n",
      'MATCH (n) WHERE n.note = "apoc.x} IN TRANSACTIONS" RETURN n',
      'MATCH (n:`LOAD CSV`) RETURN n',
      '// LOAD CSV is refused, so this reads instead\nMATCH (n) RETURN n',
      "MATCH (n) WHERE n.name = 'it\\'s LOAD CSV' RETURN n",
      'WITH [1, 2] AS transactions MATCH (n) WHERE n.x IN transactions RETURN n',
    ]) {
      expect(checkText(query), query).toBeNull();
    }
  });

  it('keeps every character position, so what remains lines up with the original', () => {
    const query = "MATCH (n) /* c */ WHERE n.x = 'a\\'b' RETURN `n`";
    const code = codeOnly(query);
    expect(code).toHaveLength(query.length);
    expect(code.indexOf('RETURN')).toBe(query.indexOf('RETURN'));
    expect(code).not.toMatch(/[`'c]/);
  });
});

describe('procedureName', () => {
  it('reads the name from a ProcedureCall operator’s details', () => {
    expect(procedureName('db.labels() :: (label :: STRING)')).toBe('db.labels');
    expect(
      procedureName('db.index.fulltext.queryNodes($autostring_0, $autostring_1) :: (node :: NODE)'),
    ).toBe('db.index.fulltext.queryNodes');
    expect(procedureName('')).toBeNull();
  });
});

describe('the console’s plan check', () => {
  it('refuses anything Neo4j does not plan as a read', () => {
    for (const queryType of ['w', 'rw', 's', '']) {
      expect(checkPlan(queryType, read(plan('AllNodesScan@neo4j')))?.reason, queryType).toMatch(
        /Refused|only reads/,
      );
    }
    expect(checkPlan('r', false)).not.toBeNull();
  });

  it('refuses, deep in a read plan, what a READ session would still run', () => {
    const nested = (step: Plan) => read(plan('Apply@neo4j', '', [plan('Argument@neo4j'), step]));
    expect(checkPlan('r', nested(plan('LoadCSV@neo4j', 'row')))?.reason).toMatch(/LOAD CSV/);
    expect(checkPlan('r', nested(plan('TransactionApply@neo4j')))?.reason).toMatch(/IN TRANSACTIONS/);
    expect(
      checkPlan('r', nested(plan('ProcedureCall@neo4j', 'dbms.listConfig() :: (name :: STRING)')))?.reason,
    ).toMatch(/dbms\.listConfig is not allowed/);
    expect(checkPlan('r', nested(plan('ShowSettings@neo4j')))?.reason).toMatch(/administration/);
    expect(checkPlan('r', nested(plan('ShowTransactions@neo4j')))?.reason).toMatch(/administration/);
    expect(checkPlan('r', nested(plan('TerminateTransactions@neo4j')))?.reason).toMatch(/administration/);
    expect(checkPlan('r', nested(plan('SetProperty@neo4j', 'n.x = 1')))?.reason).toMatch(/could write/);
    // The refusal names the clause the user wrote, in plain words.
    expect(checkPlan('rw', nested(plan('Create@neo4j', '(n)')))?.reason).toMatch(
      /^This console only reads; CREATE would change the graph/,
    );
    expect(checkPlan('w', nested(plan('DetachDelete@neo4j', 'n')))?.reason).toMatch(/DETACH DELETE would/);
    expect(checkPlan('r', nested(plan('AllNodesScan@system')))?.reason).toMatch(/system database/);
  });

  it('lets reads, the allowed procedures and the schema SHOW commands through', () => {
    expect(checkPlan('r', read(plan('Limit@neo4j', '5', [plan('AllNodesScan@neo4j', 'n')])))).toBeNull();
    expect(checkPlan('r', read(plan('ProcedureCall@neo4j', 'db.labels() :: (label :: STRING)')))).toBeNull();
    expect(
      checkPlan(
        'r',
        read(plan('ProcedureCall@neo4j', 'db.index.fulltext.queryNodes($a, $b) :: (node :: NODE)')),
      ),
    ).toBeNull();
    expect(checkPlan('r', read(plan('ShowIndexes@neo4j')))).toBeNull();
    expect(checkPlan('r', read(plan('ShowConstraints@neo4j')))).toBeNull();
    // Operators whose names merely start like a write's are reads.
    expect(checkPlan('r', read(plan('SemiApply@neo4j')))).toBeNull();
  });
});
