import { describe, expect, it } from 'vitest';
import { findRegion, proposeLocation } from './gazetteer.js';

describe('gazetteer', () => {
  it('finds countries by Natural Earth id, name and common name', () => {
    expect(findRegion('156')?.name).toBe('China');
    expect(findRegion('china')?.id).toBe('156');
    expect(findRegion('United States')?.id).toBe('840');
    expect(findRegion('Atlantis')).toBeUndefined();
  });

  it('knows first-level regions that Natural Earth leaves out, with a centroid inside China', () => {
    const xinjiang = findRegion('Xinjiang Uyghur Autonomous Region');
    expect(xinjiang).toMatchObject({ id: 'xinjiang', precision: 'region' });
    const china = findRegion('156');
    // Both centroids lie in China's bounding box (73–135°E, 18–54°N).
    for (const region of [xinjiang, china]) {
      expect(region?.lon).toBeGreaterThan(73);
      expect(region?.lon).toBeLessThan(135);
      expect(region?.lat).toBeGreaterThan(18);
      expect(region?.lat).toBeLessThan(54);
    }
  });

  it('proposes the most populous city of a name, with city precision', () => {
    const melbourne = proposeLocation('Melbourne');
    expect(melbourne).toMatchObject({ precision: 'city', source: 'geonames' });
    // Melbourne, Australia, not Melbourne, Florida.
    expect(melbourne?.lat).toBeLessThan(-37);
    expect(melbourne?.label).toContain(', AU');
    expect(proposeLocation('Kunming')?.lon).toBeCloseTo(102.7, 0);
    // An exonym GeoNames files under the local name.
    expect(proposeLocation('Yarkand')?.label).toContain('Shache');
    expect(proposeLocation('Ürümqi')?.precision).toBe('city');
  });

  it('proposes a region or country before a city of the same name, and nothing for an unknown name', () => {
    expect(proposeLocation('Tibet')).toMatchObject({ precision: 'region', region: 'tibet' });
    expect(proposeLocation('China')).toMatchObject({ precision: 'country', region: '156' });
    expect(proposeLocation('Southwestern China')).toBeUndefined();
    expect(proposeLocation('')).toBeUndefined();
  });
});
