import { describe, expect, it } from 'vitest';
import { StaffKind } from '#contracts';
import { canBePostedAt, chinaDate, defaultPostingTitle, postingLevelsOf, scopeOfPost } from './postings.ts';

describe('posting rules (定岗)', () => {
  it('posts community workers and grid assistants to grids, riders and community staff to communities', () => {
    expect(postingLevelsOf('community_worker')).toEqual(['grid']);
    expect(postingLevelsOf('building_head')).toEqual(['grid']);
    expect(postingLevelsOf('part_time_worker')).toEqual(['community']);
    expect(postingLevelsOf('community_secretary')).toEqual(['community']);
    expect(postingLevelsOf('subdistrict_staff')).toEqual(['subdistrict']);
    expect(postingLevelsOf('steward')).toEqual([]);
    expect(canBePostedAt('community_worker', 'grid')).toBe(true);
    expect(canBePostedAt('community_worker', 'community')).toBe(false);
    expect(canBePostedAt('community_worker', 'unit')).toBe(false);
  });

  it('has a title for every kind and gives a place-level post its scope', () => {
    for (const kind of StaffKind.options) expect(defaultPostingTitle(kind).length).toBeGreaterThan(0);
    expect(scopeOfPost('grid', 7)).toEqual({ level: 'grid', id: 7 });
  });

  it('tells the date in China, eight hours ahead of UTC', () => {
    expect(chinaDate(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
    expect(chinaDate(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
  });
});
