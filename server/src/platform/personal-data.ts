import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Personal data at rest (PIPL, GB/T 35273): phone and ID card numbers are stored encrypted
 * (AES-256-GCM) with a keyed hash (HMAC-SHA256) beside them for equality search, and leave the
 * server masked unless the viewer may see them. Both keys are derived (HKDF) from one configured
 * 32-byte master key, which never enters the database. The kernel knows no domain: only fields.
 */

/** The kinds of personal value this kernel protects. The kind is bound to each ciphertext and hash. */
/** Fields encrypted with the key: personal numbers, and the TOTP secrets of second factors. */
export type PersonalField = 'phone' | 'id_number' | 'totp_secret';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const FORMAT_VERSION = 'v1';
const HKDF_SALT = 'jingzhi personal data';

export class PersonalDataKeyError extends Error {
  override name = 'PersonalDataKeyError';
}

/** The master key from its base64 form; throws naming what is wrong (never the key itself). */
export function parsePersonalDataKey(base64: string): Buffer {
  const trimmed = base64.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    throw new PersonalDataKeyError('The personal-data key must be base64');
  }
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new PersonalDataKeyError(`The personal-data key must be ${KEY_BYTES} bytes, not ${key.length}`);
  }
  return key;
}

/** Whether a string is a usable master key (for configuration schemas). */
export function isPersonalDataKey(base64: string): boolean {
  try {
    parsePersonalDataKey(base64);
    return true;
  } catch {
    return false;
  }
}

/** A new random master key, base64 (e.g. for PII_KEY). */
export function generateKeyBase64(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/**
 * The master key kept in `<dataDir>/pii.key` (mode 0600), made on first use: for development
 * without PII_KEY. Production must configure PII_KEY instead (config.ts refuses to start without).
 */
export function loadOrCreatePersonalDataKey(dataDir: string): string {
  const file = path.join(dataDir, 'pii.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, `${generateKeyBase64()}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process made it first: read theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = fs.readFileSync(file, 'utf8').trim();
  try {
    parsePersonalDataKey(key);
  } catch (error) {
    throw new PersonalDataKeyError(`${file}: ${(error as Error).message}`);
  }
  return key;
}

/**
 * The master key to use: PII_KEY when configured; without it, production refuses to start (the
 * key must live outside the data and its backups), and development uses `<dataDir>/pii.key`.
 */
export function resolvePersonalDataKey(options: {
  configured: string | undefined;
  production: boolean;
  dataDir: string;
}): string {
  if (options.configured) return parsePersonalDataKey(options.configured).toString('base64');
  if (options.production) {
    throw new PersonalDataKeyError(
      'NODE_ENV=production needs PII_KEY, the key that encrypts phone and ID numbers: 32 random bytes in base64 (openssl rand -base64 32), kept apart from the database and its backups.',
    );
  }
  return loadOrCreatePersonalDataKey(options.dataDir);
}

/** The form a value is stored, hashed and compared in: no spaces or dashes; ID numbers with a capital X. */
export function normalizePersonalValue(field: PersonalField, value: string): string {
  const compact = value.trim().replace(/[\s-]/g, '');
  return field === 'phone' ? compact : compact.toUpperCase();
}

/** Encrypts, decrypts and hashes personal values with keys derived from one master key. */
export class PersonalDataCipher {
  private readonly encryptionKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== KEY_BYTES) {
      throw new PersonalDataKeyError(`The personal-data key must be ${KEY_BYTES} bytes`);
    }
    this.encryptionKey = derive(masterKey, 'aes-256-gcm v1');
    this.hashKey = derive(masterKey, 'hmac-sha256 v1');
  }

  static fromBase64(base64: string): PersonalDataCipher {
    return new PersonalDataCipher(parsePersonalDataKey(base64));
  }

  /** `v1:<iv>:<tag>:<ciphertext>`, base64url, with a fresh random IV; the field is authenticated too. */
  encrypt(field: PersonalField, value: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    cipher.setAAD(Buffer.from(field));
    const ciphertext = Buffer.concat([
      cipher.update(normalizePersonalValue(field, value), 'utf8'),
      cipher.final(),
    ]);
    return [FORMAT_VERSION, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join(':');
  }

  /** The plaintext; throws when the token was altered, is of another field, or another key made it. */
  decrypt(field: PersonalField, token: string): string {
    const [version, iv, tag, ciphertext] = token.split(':');
    if (version !== FORMAT_VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new Error('Not a v1 personal-data ciphertext');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(field));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** The keyed hash (hex) of the normalised value: equal values, equal hashes; useless without the key. */
  hash(field: PersonalField, value: string): string {
    return createHmac('sha256', this.hashKey)
      .update(`${field}:${normalizePersonalValue(field, value)}`)
      .digest('hex');
  }
}

function derive(masterKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, HKDF_SALT, purpose, KEY_BYTES));
}

// ---- masking ------------------------------------------------------------------------------------

/** `13812345678` → `138****5678`: the first 3 and last 4 digits. */
export function maskPhone(phone: string): string {
  const value = normalizePersonalValue('phone', phone);
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

/** An ID number as its first 3 and last 4 characters with 11 stars between, whatever its length. */
export function maskIdNumber(idNumber: string): string {
  const value = normalizePersonalValue('id_number', idNumber);
  if (value.length <= 7) return '*'.repeat(11);
  return `${value.slice(0, 3)}${'*'.repeat(11)}${value.slice(-4)}`;
}

// ---- resident ID numbers (GB 11643-1999) -----------------------------------------------------------

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARACTERS = '10X98765432';

/** The check character (0–9 or X) of the first 17 digits of a resident ID number (ISO 7064 MOD 11-2). */
export function idNumberCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('Expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK_CHARACTERS[sum % 11] as string;
}

export type IdNumberProblem = 'length' | 'format' | 'region' | 'birth_date' | 'check_digit';

/**
 * What is wrong with an 18-character resident ID number, or null when it is valid: 17 digits and
 * a check character, a region code, a birth date that exists, not before 1900 and not after today.
 */
export function findIdNumberProblem(idNumber: string, today: Date = new Date()): IdNumberProblem | null {
  const value = normalizePersonalValue('id_number', idNumber);
  if (value.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  if (value[0] === '0' || value[0] === '9') return 'region';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const exists =
    birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!exists || year < 1900 || birth.getTime() > today.getTime()) return 'birth_date';
  if (idNumberCheckCharacter(value.slice(0, 17)) !== value[17]) return 'check_digit';
  return null;
}

export function isValidChineseIdNumber(idNumber: string, today?: Date): boolean {
  return findIdNumberProblem(idNumber, today) === null;
}

/** Birth year and sex as an ID number states them (the 17th digit is odd for men). */
export function readIdNumber(idNumber: string): { birthYear: number; gender: 'male' | 'female' } {
  const value = normalizePersonalValue('id_number', idNumber);
  return {
    birthYear: Number(value.slice(6, 10)),
    gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
  };
}
