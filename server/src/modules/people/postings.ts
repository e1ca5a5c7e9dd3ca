import type { PlaceLevel, Scope, StaffKind } from '#contracts';

/**
 * Posting rules (定岗), pure: which places each kind of staff is posted to, the title a new post
 * gets, and the account scope a post gives.
 */

/** The levels a post can be at through a move (buildings and departments are seeded, not moved to). */
export type PostLevel = Extract<PlaceLevel, 'subdistrict' | 'community' | 'grid'>;

/** The place levels a staff member of this kind may be posted to. */
export function postingLevelsOf(kind: StaffKind): readonly PostLevel[] {
  switch (kind) {
    case 'community_worker': // 定岗网格: every community worker holds one grid
    case 'grid_leader':
    case 'property_staff':
    case 'building_head':
    case 'volunteer':
      return ['grid'];
    case 'part_time_worker': // registered at a community (社区报到)
    case 'community_secretary':
    case 'community_staff':
      return ['community'];
    case 'subdistrict_staff':
      return ['subdistrict'];
    case 'steward': // attached to a building
    case 'department_staff': // posted to a department
    case 'city_leader': // the whole jurisdiction
      return [];
  }
}

export function canBePostedAt(kind: StaffKind, level: PlaceLevel): level is PostLevel {
  return (postingLevelsOf(kind) as readonly PlaceLevel[]).includes(level);
}

/** The title of a post when a staff member has none to carry over. */
export function defaultPostingTitle(kind: StaffKind): string {
  switch (kind) {
    case 'community_worker':
      return '专职网格员';
    case 'grid_leader':
      return '网格带头人';
    case 'property_staff':
      return '网格助理员（物业）';
    case 'building_head':
      return '网格助理员（楼栋长）';
    case 'volunteer':
      return '网格助理员（志愿者）';
    case 'part_time_worker':
      return '兼职网格员';
    case 'steward':
      return '善治红管家';
    case 'community_secretary':
      return '社区党组织书记';
    case 'community_staff':
      return '社区工作人员';
    case 'subdistrict_staff':
      return '街道工作人员';
    case 'department_staff':
      return '部门工作人员';
    case 'city_leader':
      return '挂点联系市级领导';
  }
}

/** The scope an account gets from a post at a place. */
export function scopeOfPost(level: PostLevel, placeId: number): Scope {
  return { level, id: placeId };
}

/** Today's date in China (Asia/Shanghai, UTC+8, no daylight saving) as YYYY-MM-DD. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
