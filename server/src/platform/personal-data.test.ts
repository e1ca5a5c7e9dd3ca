import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findIdNumberProblem,
  generateKeyBase64,
  idNumberCheckCharacter,
  isPersonalDataKey,
  isValidChineseIdNumber,
  loadOrCreatePersonalDataKey,
  maskIdNumber,
  maskPhone,
  PersonalDataCipher,
  parsePersonalDataKey,
  readIdNumber,
  resolvePersonalDataKey,
} from './personal-data.ts';

const key = Buffer.alloc(32, 7);
const cipher = new PersonalDataCipher(key);
const today = new Date('2026-11-27T00:00:00Z');

describe('PersonalDataCipher', () => {
  it('round-trips a value through v1:<iv>:<tag>:<ciphertext>, with a fresh IV each time', () => {
    const first = cipher.encrypt('phone', '13812345678');
    const second = cipher.encrypt('phone', '13812345678');
    expect(first).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('13812345678');
    expect(cipher.decrypt('phone', first)).toBe('13812345678');
    expect(cipher.decrypt('phone', second)).toBe('13812345678');
  });

  it('stores the normalised value: no spaces or dashes, ID numbers with a capital X', () => {
    expect(cipher.decrypt('phone', cipher.encrypt('phone', ' 138-1234 5678 '))).toBe('13812345678');
    expect(cipher.decrypt('id_number', cipher.encrypt('id_number', '11010519491231002x'))).toBe(
      '11010519491231002X',
    );
  });

  it('refuses a tampered ciphertext, another field’s ciphertext, and another key', () => {
    const token = cipher.encrypt('phone', '13812345678');
    const [v, iv, tag, body] = token.split(':') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(() => cipher.decrypt('phone', [v, iv, tag, flipped.toString('base64url')].join(':'))).toThrow();
    expect(() => cipher.decrypt('id_number', token)).toThrow();
    expect(() => new PersonalDataCipher(Buffer.alloc(32, 8)).decrypt('phone', token)).toThrow();
    expect(() => cipher.decrypt('phone', 'v2:a:b:c')).toThrow(/v1/);
  });

  it('hashes equal values equally after normalising, per field and per key', () => {
    const hash = cipher.hash('id_number', '11010519491231002X');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.hash('id_number', ' 11010519491231002x')).toBe(hash);
    expect(cipher.hash('phone', '11010519491231002X')).not.toBe(hash);
    expect(new PersonalDataCipher(Buffer.alloc(32, 8)).hash('id_number', '11010519491231002X')).not.toBe(
      hash,
    );
  });

  it('takes only a 32-byte base64 master key', () => {
    const generated = generateKeyBase64();
    expect(parsePersonalDataKey(generated)).toHaveLength(32);
    expect(PersonalDataCipher.fromBase64(generated)).toBeInstanceOf(PersonalDataCipher);
    expect(isPersonalDataKey(generated)).toBe(true);
    expect(isPersonalDataKey(Buffer.alloc(16).toString('base64'))).toBe(false);
    expect(isPersonalDataKey('not base64!')).toBe(false);
    expect(() => new PersonalDataCipher(Buffer.alloc(31))).toThrow(/32 bytes/);
  });
});

describe('loadOrCreatePersonalDataKey', () => {
  it('creates DATA_DIR/pii.key with mode 0600 once, then reads it back', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jz-pii-')), 'data');
    const created = loadOrCreatePersonalDataKey(dir);
    expect(isPersonalDataKey(created)).toBe(true);
    expect(fs.statSync(path.join(dir, 'pii.key')).mode & 0o777).toBe(0o600);
    expect(loadOrCreatePersonalDataKey(dir)).toBe(created);
    fs.writeFileSync(path.join(dir, 'pii.key'), 'short');
    expect(() => loadOrCreatePersonalDataKey(dir)).toThrow(/pii\.key/);
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });
});

describe('resolvePersonalDataKey', () => {
  it('takes PII_KEY, refuses production without it, and uses DATA_DIR/pii.key in development', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jz-pii-'));
    const configured = generateKeyBase64();
    expect(resolvePersonalDataKey({ configured, production: true, dataDir: dir })).toBe(configured);
    expect(() => resolvePersonalDataKey({ configured: 'c2hvcnQ=', production: true, dataDir: dir })).toThrow(
      /32 bytes/,
    );
    expect(() => resolvePersonalDataKey({ configured: undefined, production: true, dataDir: dir })).toThrow(
      /PII_KEY/,
    );
    expect(fs.existsSync(path.join(dir, 'pii.key'))).toBe(false);
    const made = resolvePersonalDataKey({ configured: undefined, production: false, dataDir: dir });
    expect(fs.readFileSync(path.join(dir, 'pii.key'), 'utf8').trim()).toBe(made);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('masking', () => {
  it('shows a phone’s first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('shows an ID number’s first 3 and last 4 characters with 11 stars between', () => {
    expect(maskIdNumber('11010519491231002x')).toBe('110***********002X');
    expect(maskIdNumber('370681199001011234')).toBe('370***********1234');
    expect(maskIdNumber('123')).toBe('***********');
  });
});

describe('resident ID numbers (GB 11643)', () => {
  it('computes the MOD 11-2 check character', () => {
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(idNumberCheckCharacter('44052418800101001')).toBe('4');
    expect(() => idNumberCheckCharacter('1234')).toThrow();
  });

  it('accepts valid numbers and names what is wrong with the others', () => {
    expect(isValidChineseIdNumber('11010519491231002X', today)).toBe(true);
    expect(isValidChineseIdNumber('11010519491231002x', today)).toBe(true);
    expect(findIdNumberProblem(withCheck('37068120000229002'), today)).toBeNull();
    expect(findIdNumberProblem('11010519491231002', today)).toBe('length');
    expect(findIdNumberProblem('1101051949123100AX', today)).toBe('format');
    expect(findIdNumberProblem('010105194912310021', today)).toBe('region');
    expect(findIdNumberProblem(withCheck('37068119900230123'), today)).toBe('birth_date');
    expect(findIdNumberProblem(withCheck('37068118890101123'), today)).toBe('birth_date');
    expect(findIdNumberProblem(withCheck('37068120270101123'), today)).toBe('birth_date');
    expect(findIdNumberProblem('110105194912310021', today)).toBe('check_digit');
  });

  it('reads the birth year and sex', () => {
    expect(readIdNumber('11010519491231002X')).toEqual({ birthYear: 1949, gender: 'female' });
    expect(readIdNumber(withCheck('37068119900101123'))).toEqual({ birthYear: 1990, gender: 'male' });
  });
});

function withCheck(first17: string): string {
  return `${first17}${idNumberCheckCharacter(first17)}`;
}
