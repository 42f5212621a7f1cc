import { describe, expect, it } from 'vitest';
import { decodePositions, encodePositions, POSITIONS_CAP } from './positions.js';
import { searchToView, viewToSearch } from './url.js';
import { defaultView, type ViewState } from './view.js';

describe('dragged positions in a link', () => {
  it('round-trips to whole pixels, naming seeds by their place in the URL', () => {
    const seeds = ['chen-quanguo', 'tibet'];
    const moved = { tibet: { x: -120.4, y: 36.6 }, 'xi-jinping': { x: 1295, y: -7 } };
    const text = encodePositions(moved, seeds);
    expect(text).toBe('.1:-3c:11,xi-jinping:zz:-7');
    expect(decodePositions(text, seeds)).toEqual({
      tibet: { x: -120, y: 37 },
      'xi-jinping': { x: 1295, y: -7 },
    });
  });

  it('travels in the URL and back into the view', () => {
    const view: ViewState = {
      ...defaultView,
      mode: 'explore',
      seeds: ['a'],
      moved: { a: { x: 5, y: 6 }, b: { x: -1, y: 0 } },
    };
    const search = viewToSearch(view);
    expect(search).toContain('pos=.0:5:6,b:-1:0');
    expect(searchToView(search)).toEqual(view);
    expect(viewToSearch({ ...defaultView, moved: {} })).toBe('');
  });

  it('drops all positions beyond the cap, so the link falls back to the seeded layout', () => {
    const many = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`node-number-${i}`, { x: 1000 + i, y: -1000 - i }]),
    );
    expect(encodePositions(many, [])).toBe('');
    const few = Object.fromEntries(Object.entries(many).slice(0, 20));
    expect(encodePositions(few, []).length).toBeLessThanOrEqual(POSITIONS_CAP);
    expect(Object.keys(decodePositions(encodePositions(few, []), []))).toHaveLength(20);
    expect(decodePositions('a:1:1,'.repeat(400), [])).toEqual({});
  });

  it('ignores what it cannot read instead of failing', () => {
    const garbage = [
      'a:1',
      'a:1:2:3',
      'A:1:2',
      '<script>:1:2',
      '.7:1:2',
      '.x:1:2',
      'b:zzzzzzz:1',
      'c:1.5:2',
      'd::2',
      '::',
      ',,,',
      'e:%20:1',
      'f:-:1',
      'ok:a:-b',
    ].join(',');
    expect(() => decodePositions(garbage, ['only'])).not.toThrow();
    expect(decodePositions(garbage, ['only'])).toEqual({ ok: { x: 10, y: -11 } });
    expect(decodePositions(null, [])).toEqual({});
    expect(searchToView('?pos=%E0%A4%A&seeds=a').moved).toBeUndefined();
  });
});
