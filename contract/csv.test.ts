import { describe, expect, it } from 'vitest';
import { csvField, spreadsheetField, spreadsheetText } from './csv.js';

describe('CSV fields', () => {
  it('quotes only what RFC 4180 needs and doubles quotes', () => {
    expect(csvField('Chen Quanguo')).toBe('Chen Quanguo');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('neutralises every formula start that OWASP lists, and nothing else', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(spreadsheetText(`${start}HYPERLINK("x")`)).toBe(`'${start}HYPERLINK("x")`);
    }
    expect(spreadsheetText('Xi Jinping')).toBe('Xi Jinping');
    expect(spreadsheetText('a=b')).toBe('a=b');
    expect(spreadsheetField('=1+1')).toBe("'=1+1");
    expect(spreadsheetField('=SUM(A1,A2)')).toBe(`"'=SUM(A1,A2)"`);
  });
});
