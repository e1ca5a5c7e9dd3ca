import type { App } from '../../../app.ts';
import { isValidChineseIdNumber } from '../../../platform/personal-data.ts';

/**
 * Every response a test file gets, kept so that one check at the end can look for full phone and
 * ID numbers in all of them: exact fixture values, and anything shaped like one.
 */

export interface LoggedResponse {
  who: string;
  method: string;
  url: string;
  status: number;
  body: string;
  /** The response may carry full personal data (an unmask result, a resident's own record). */
  mayRevealPersonalData: boolean;
}

const PHONE_SHAPE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
/** 18 characters like an ID number; only those with a valid birth date and check digit count (place codes do not). */
const ID_NUMBER_SHAPE = /(?<!\d)\d{17}[\dX](?![\dX])/g;

/** Something in the text shaped like a full phone or ID number. */
export function findPersonalDataShapes(text: string): string[] {
  const idNumbers = [...text.matchAll(ID_NUMBER_SHAPE)]
    .map((m) => m[0])
    .filter((s) => isValidChineseIdNumber(s));
  return [...[...text.matchAll(PHONE_SHAPE)].map((m) => m[0]), ...idNumbers];
}

export class ResponseLog {
  readonly entries: LoggedResponse[] = [];

  constructor(private readonly app: App) {}

  async request(
    who: { label: string; headers: Record<string, string> },
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
  ) {
    const response = await this.app.inject({
      method,
      url,
      headers: who.headers,
      ...(payload ? { payload } : {}),
    });
    const path = url.split('?')[0] ?? url;
    this.entries.push({
      who: who.label,
      method,
      url,
      status: response.statusCode,
      body: response.body,
      mayRevealPersonalData:
        response.statusCode === 200 && (path.endsWith('/unmask') || path.startsWith('/api/people/me')),
    });
    return response;
  }

  /** Responses that should carry no full phone or ID number but do: an empty list when all is well. */
  leaks(secrets: readonly string[]): string[] {
    const found: string[] = [];
    for (const entry of this.entries) {
      if (entry.mayRevealPersonalData) continue;
      const secret = secrets.find((s) => entry.body.includes(s));
      const shaped = findPersonalDataShapes(entry.body)[0];
      if (secret || shaped) {
        found.push(`${entry.who} ${entry.method} ${entry.url} → ${entry.status}: ${secret ?? shaped}`);
      }
    }
    return found;
  }
}

/** Plaintext fixture values found in text (e.g. log lines). */
export function findSecrets(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => text.includes(s));
}
