import { describe, expect, it } from 'vitest';
import { PersonalDataCipher } from '../../platform/personal-data.ts';
import type { HouseholdRow } from './household.repository.ts';
import './people.policy.ts';
import { ownRecordView, presentResident, presentStaffMember, staffView } from './people.presenter.ts';
import type { ResidentRow } from './resident.repository.ts';
import type { StaffMemberRow } from './staff.repository.ts';

const cipher = new PersonalDataCipher(Buffer.alloc(32, 1));
const household: HouseholdRow = {
  id: 9,
  code: 'H9',
  door_number: '1-101',
  building_id: 5,
  building_name: '1号楼',
  unit_id: 4,
  unit_code: 'U4',
  unit_name: '第1单元',
  grid_id: 3,
  grid_code: 'G3',
  grid_name: '第1网格',
  community_id: 2,
  community_code: 'C2',
  community_name: '润新社区',
  subdistrict_id: 1,
};
const resident: ResidentRow = {
  jurisdiction_id: 1,
  id: 11,
  household_id: 9,
  name: '马德福',
  gender: 'male',
  birth_year: 1950,
  phone_enc: cipher.encrypt('phone', '13812345678'),
  phone_hash: cipher.hash('phone', '13812345678'),
  id_number_enc: cipher.encrypt('id_number', '11010519491231002X'),
  id_number_hash: cipher.hash('id_number', '11010519491231002X'),
  tags: ['elderly'],
  party_member: true,
  account_id: null,
  created_at: new Date(),
  updated_at: new Date(),
};

describe('people presenter', () => {
  it('masks phone and ID number for every staff role, and shows party membership only with party.read', () => {
    const forWorker = presentResident(resident, household, staffView('grid_worker', cipher));
    expect(forWorker).toMatchObject({
      phone: '138****5678',
      idNumber: '110***********002X',
      unmasked: false,
    });
    expect(forWorker).not.toHaveProperty('partyMember');
    const forSecretary = presentResident(resident, household, staffView('community_secretary', cipher));
    expect(forSecretary.partyMember).toBe(true);
    expect(forSecretary.phone).toBe('138****5678');
    expect(presentResident(resident, household, staffView('admin', cipher)).idNumber).toBe(
      '110***********002X',
    );
  });

  it('shows a resident their own record in full', () => {
    expect(presentResident(resident, household, ownRecordView(cipher))).toMatchObject({
      phone: '13812345678',
      idNumber: '11010519491231002X',
      unmasked: true,
      partyMember: true,
      household: { doorNumber: '1-101', grid: { id: 3, level: 'grid' }, community: { name: '润新社区' } },
    });
  });

  it('leaves an absent phone null and masks a staff member’s phone', () => {
    expect(
      presentResident({ ...resident, phone_enc: null }, household, staffView('admin', cipher)).phone,
    ).toBeNull();
    const staff: StaffMemberRow = {
      jurisdiction_id: 1,
      id: 2,
      name: '刘洋',
      kind: 'community_worker',
      phone_enc: cipher.encrypt('phone', '13912345678'),
      phone_hash: null,
      party_member: false,
      account_id: 3,
      created_at: new Date(),
      updated_at: new Date(),
      account_username: 'grid1',
      account_role: 'grid_worker',
    };
    const presented = presentStaffMember(staff, [], staffView('city_leader', cipher));
    expect(presented).toMatchObject({ phone: '139****5678', partyMember: false, accountUsername: 'grid1' });
  });
});
