import { describe, expect, it } from 'vitest';
import { blockingKeys, compareNames, foldName, nameTokens } from './names.js';

describe('name matcher', () => {
  it('folds case, accents, possessives and punctuation', () => {
    expect(foldName('Mr. Xí’s')).toBe('mr xi');
    expect(nameTokens('Mr. Xi')).toEqual(['xi']);
    expect(nameTokens('Uighurs')).toEqual(['uighur']);
  });

  it('links a short form to the full name, with its reason', () => {
    const match = compareNames({ name: 'Mr. Xi', kind: 'Person' }, { name: 'Xi Jinping', kind: 'Person' });
    expect(match.score).toBeGreaterThanOrEqual(0.85);
    expect(match.reasons).toContain('one name inside the other');
    expect(match.reasons).toContain('same kind');
  });

  it('treats transliteration variants as the same', () => {
    const match = compareNames({ name: 'Uyghurs' }, { name: 'Uighurs' });
    expect(match.score).toBeGreaterThanOrEqual(0.9);
    expect(match.reasons.some((reason) => reason === 'sounds alike' || reason === 'spelling variant')).toBe(
      true,
    );
  });

  it('uses aliases on either side', () => {
    const match = compareNames(
      { name: 'CCP' },
      { name: 'Chinese Communist Party', aliases: ['CCP', 'the party'] },
    );
    expect(match.score).toBe(1);
    expect(match.names).toEqual(['CCP', 'CCP']);
  });

  it('keeps different people apart and lowers a kind mismatch', () => {
    expect(compareNames({ name: 'Chen Quanguo' }, { name: 'Wang Yongzhi' }).score).toBeLessThan(0.7);
    const place = compareNames(
      { name: 'Xinjiang', kind: 'Place' },
      { name: 'Xinjiang', kind: 'Organization' },
    );
    expect(place.score).toBeLessThan(0.7);
    expect(place.reasons).toContain('different kind');
  });

  it('does not hear two names in Han script as alike', () => {
    const match = compareNames(
      { name: 'China', aliases: ['中国'] },
      { name: 'United States', aliases: ['美国'] },
    );
    expect(match.reasons).not.toContain('sounds alike');
    expect(match.score).toBeLessThan(0.7);
  });

  it('puts variants in a shared block', () => {
    const a = blockingKeys({ name: 'Uyghurs' });
    const b = blockingKeys({ name: 'Uighurs' });
    expect(a.some((key) => b.includes(key))).toBe(true);
  });
});
