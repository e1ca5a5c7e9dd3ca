import { describe, expect, it } from 'vitest';
import { CaseEventType, CaseStatus, CaseStep, TimeUnit } from '#contracts';
import { buildCategoryCatalogue } from './case.categories.ts';
import { CASE_EVENT_TYPES, CASE_STATUSES } from './case.lifecycle.ts';
import { TIME_UNITS } from './case.time-limits.ts';
import { newPhotoId } from './case-photos.ts';
import { permissionForEvent } from './cases.policy.ts';
import { channelOf, hashRequest, newTrackingCode } from './report-case.service.ts';

describe('the wire contract and the machine', () => {
  it('name the same statuses, events, steps and units', () => {
    expect([...CaseStatus.options].sort()).toEqual([...CASE_STATUSES].sort());
    expect([...CaseEventType.options].sort()).toEqual([...CASE_EVENT_TYPES].sort());
    expect([...TimeUnit.options].sort()).toEqual([...TIME_UNITS].sort());
    const steps = Object.keys(buildCategoryCatalogue().categories[0]?.limits ?? {});
    expect([...CaseStep.options].sort()).toEqual(steps.sort());
  });

  it('gives every event a permission', () => {
    for (const type of CASE_EVENT_TYPES) expect(permissionForEvent(type)).toMatch(/^cases\./);
  });
});

describe('intake helpers', () => {
  it('hashes bodies regardless of key order', () => {
    expect(hashRequest({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      hashRequest({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
    expect(hashRequest({ a: 1 })).not.toBe(hashRequest({ a: 2 }));
  });

  it('makes unguessable tracking codes and photo ids', () => {
    const codes = new Set(Array.from({ length: 1000 }, newTrackingCode));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(newPhotoId()).toMatch(/^[a-z2-7]{26}$/);
  });

  it('derives the channel from the role', () => {
    expect(channelOf('part_time_worker')).toBe('rider');
    expect(channelOf('resident')).toBe('resident');
    expect(channelOf('grid_worker')).toBe('grid_worker');
    expect(channelOf('community_staff')).toBe('hotline');
  });
});
