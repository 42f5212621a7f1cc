import { describe, expect, it } from 'vitest';
import {
  checkTemplateValues,
  fillTemplate,
  neighbourhoodTemplate,
  shortestChainTemplate,
  templateById,
  templates,
  TemplateValuesError,
  toCypherText,
  whoAssertsTemplate,
} from './templates.js';

/** The $parameters a query reads, comments left out. */
function parametersIn(cypher: string): Set<string> {
  const code = cypher
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, ''))
    .join('\n')
    .replace(/'(?:[^'\\]|\\.)*'/g, "''");
  return new Set([...code.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]!));
}

describe('the templates', () => {
  it('have unique ids and the six questions of the workbench', () => {
    expect(templates.map((t) => t.id)).toEqual([
      'neighbourhood',
      'who-asserts',
      'shortest-chain',
      'events-by-year',
      'co-mentions',
      'source-says',
    ]);
    expect(templateById('shortest-chain')).toBe(shortestChainTemplate);
    expect(templateById('nope')).toBeUndefined();
  });

  it('read exactly the parameters they declare, and every declared one', () => {
    for (const template of templates) {
      const declared = template.params.map((param) => param.name);
      expect(new Set(declared).size, template.id).toBe(declared.length);
      expect([...parametersIn(template.cypher)].sort(), template.id).toEqual([...declared].sort());
    }
  });

  it('fill with their defaults, and the query is the template’s text whatever the values', () => {
    for (const template of templates) {
      const filled = fillTemplate(template, {});
      expect(filled.query, template.id).toBe(template.cypher);
      expect(Object.keys(filled.params).sort()).toEqual(template.params.map((p) => p.name).sort());
      expect(fillTemplate(template, { x: 'wang-yongzhi', y: 'xi-jinping', hops: 3 }).query).toBe(
        template.cypher,
      );
    }
  });

  it('never follow mentions: every relationship pattern excludes MENTIONED_IN or asks for it by name', () => {
    for (const template of templates) {
      for (const [pattern] of template.cypher.matchAll(/-\[[^\]]*\]-/g)) {
        expect(pattern, template.id).toMatch(/MENTIONED_IN/);
      }
    }
  });
});

describe('fillTemplate', () => {
  it('passes entity ids and whole numbers through as parameters', () => {
    expect(fillTemplate(neighbourhoodTemplate, { x: 'chen-quanguo', hops: 2 }).params).toEqual({
      x: 'chen-quanguo',
      hops: 2,
    });
    // Form fields hand over text.
    expect(fillTemplate(neighbourhoodTemplate, { x: ' xinjiang ', hops: '3' }).params).toEqual({
      x: 'xinjiang',
      hops: 3,
    });
  });

  it('uses the default for a missing or empty value and ignores values of other templates', () => {
    expect(fillTemplate(neighbourhoodTemplate, { x: 'tibet', hops: '', y: 'ignored' }).params).toEqual({
      x: 'tibet',
      hops: 1,
    });
  });

  it('refuses what is not an entity id, naming the parameter', () => {
    for (const bad of [
      'Chen-Quanguo',
      'chen quanguo',
      'chen--quanguo',
      '-chen',
      'chen-',
      "x' OR 1=1 //",
      'chen_quanguo',
      '陈全国',
      'a'.repeat(201),
      42,
      ['chen-quanguo'],
    ]) {
      const { problems } = checkTemplateValues(whoAssertsTemplate, { x: bad });
      expect(problems, String(bad)).toEqual([
        { param: 'x', message: 'Entity must be an entity id such as chen-quanguo.' },
      ]);
      expect(() => fillTemplate(whoAssertsTemplate, { x: bad })).toThrow(TemplateValuesError);
    }
    expect(checkTemplateValues(whoAssertsTemplate, { x: 'a'.repeat(200) }).problems).toEqual([]);
    expect(checkTemplateValues(whoAssertsTemplate, { x: 'tibet2-x9' }).problems).toEqual([]);
  });

  it('refuses integers out of range and what is not a whole number', () => {
    const problem = (hops: unknown) => checkTemplateValues(neighbourhoodTemplate, { hops }).problems;
    expect(problem(0)).toEqual([{ param: 'hops', message: 'Hops must be at least 1.' }]);
    expect(problem(4)).toEqual([{ param: 'hops', message: 'Hops must be at most 3.' }]);
    expect(problem('-1')).toEqual([{ param: 'hops', message: 'Hops must be at least 1.' }]);
    for (const bad of [2.5, '2.5', 'two', '1e0', Number.NaN, Infinity, true, '0x2']) {
      expect(problem(bad), String(bad)).toEqual([{ param: 'hops', message: 'Hops must be a whole number.' }]);
    }
    for (const good of [1, 2, 3, '1', ' 3 ']) expect(problem(good), String(good)).toEqual([]);
  });

  it('reports every bad parameter at once', () => {
    try {
      fillTemplate(shortestChainTemplate, { x: 'Chen', y: 'Xi Jinping' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateValuesError);
      expect((error as TemplateValuesError).problems.map((p) => p.param)).toEqual(['x', 'y']);
      expect((error as Error).message).toBe(
        'Entity must be an entity id such as chen-quanguo. Other entity must be an entity id such as chen-quanguo.',
      );
    }
  });

  it('asks for a parameter without a default', () => {
    const template = {
      ...whoAssertsTemplate,
      params: [{ name: 'x', label: 'Entity', kind: 'entity' as const }],
    };
    expect(checkTemplateValues(template, {}).problems).toEqual([
      { param: 'x', message: 'Entity is required.' },
    ]);
    expect(checkTemplateValues(template, { x: '  ' }).problems).toEqual([
      { param: 'x', message: 'Entity is required.' },
    ]);
  });
});

describe('toCypherText', () => {
  it('writes a :param line per parameter, then the query', () => {
    const { query, params } = fillTemplate(neighbourhoodTemplate, { x: 'chen-quanguo', hops: 2 });
    expect(toCypherText(query, params)).toBe(`:param x => 'chen-quanguo';\n:param hops => 2;\n\n${query}`);
  });

  it('escapes quotes, backslashes and line breaks in strings, and quotes odd names', () => {
    expect(toCypherText('RETURN $q', { q: "it's a \\ path\nand more" })).toBe(
      ":param q => 'it\\'s a \\\\ path\\nand more';\n\nRETURN $q",
    );
    expect(toCypherText('RETURN $`my name`', { 'my name': 1.5 })).toBe(
      ':param `my name` => 1.5;\n\nRETURN $`my name`',
    );
  });

  it('is the query alone without parameters, and refuses numbers Cypher cannot write', () => {
    expect(toCypherText('RETURN 1', {})).toBe('RETURN 1');
    expect(() => toCypherText('RETURN $n', { n: Number.NaN })).toThrow(RangeError);
  });
});
