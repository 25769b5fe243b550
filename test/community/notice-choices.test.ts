import { describe, expect, it } from 'vitest';
import {
  CommunityConfig,
  DEFAULT_NOTICE_PLACES,
  NoticeChoices,
  noticeTags,
} from '../../src/community';

describe("a community's notice choices (config community.notices)", () => {
  it('defaults to the usual places and twelve buildings', () => {
    const c = NoticeChoices.parse({});
    expect(c.places).toEqual(DEFAULT_NOTICE_PLACES);
    expect(noticeTags(c)).toEqual([
      'elder',
      'volunteer',
      ...Array.from({ length: 12 }, (_, i) => `building-${i + 1}`),
    ]);
  });

  it("takes the community's own places and buildings", () => {
    const c = CommunityConfig.parse({
      id: 'xh-wukang',
      notices: { places: ['武康路活动中心', '3号楼架空层'], buildings: 3 },
    });
    expect(c.notices?.places).toEqual(['武康路活动中心', '3号楼架空层']);
    expect(noticeTags({ buildings: c.notices?.buildings ?? 0 })).toEqual([
      'elder',
      'volunteer',
      'building-1',
      'building-2',
      'building-3',
    ]);
  });

  it.each([
    ['no place', { places: [] }],
    ['a place twice', { places: ['居委会', '居委会'] }],
    ['a blank place', { places: ['  '] }],
    ['a place too long to show', { places: ['一二三四五六七八九十一二三四五六七'] }],
    ['no building', { buildings: 0 }],
    ['a fraction of a building', { buildings: 2.5 }],
    ['an unknown key', { rooms: 3 }],
  ])('refuses %s', (_name, notices) => {
    expect(NoticeChoices.safeParse(notices).success).toBe(false);
  });
});
