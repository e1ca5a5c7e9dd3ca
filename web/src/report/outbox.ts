import type { CaseDetail } from '#contracts';
import { ApiError } from '../app/api.ts';
import { type CaseReport, reportCase, uploadCasePhoto } from '../modules/cases/api/cases.api.ts';

/**
 * The phone's outbox (待发送): every report is stored here first — fields, photos as Blobs and the
 * idempotency key made on the phone — then sent. A report made offline, or whose sending failed
 * on the network, stays until the `online` event or the next load sends it again with the SAME
 * key, so that the server answers a repeat with the first case and never makes a second one.
 * Photos already uploaded keep their ids, so a retry does not upload them again.
 */

export interface OutboxEntry {
  /** The Idempotency-Key, made once with crypto.randomUUID(). */
  key: string;
  createdAt: string;
  report: Omit<CaseReport, 'photoIds'>;
  photos: Blob[];
  /** Ids of the photos uploaded so far, in order (a retry uploads only the rest). */
  photoIds: string[];
  /** `failed`: the server refused the report (it will not get better by retrying). */
  state: 'queued' | 'failed';
  error: string | null;
}

/** The most a queued report may hold in photos (IndexedDB quotas on phones are generous but not endless). */
export const MAX_QUEUED_PHOTO_BYTES = 40 * 1024 * 1024;

const DB_NAME = 'jingzhi-report';
const STORE = 'outbox';

let dbPromise: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
  return dbPromise;
}

async function withStore<T>(
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = run(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export const putEntry = (entry: OutboxEntry): Promise<IDBValidKey> =>
  withStore('readwrite', (store) => store.put(entry));

export const deleteEntry = (key: string): Promise<undefined> =>
  withStore('readwrite', (store) => store.delete(key));

export async function listEntries(): Promise<OutboxEntry[]> {
  const entries = await withStore<OutboxEntry[]>('readonly', (store) => store.getAll());
  return entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** A failure of the network (or of the session, which a sign-in fixes): keep the report and retry. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 401 || error.status === 429 || error.status >= 500;
}

/** Uploads what is left of the photos, then reports with the entry's key. Throws on any failure. */
async function sendEntry(entry: OutboxEntry): Promise<CaseDetail> {
  const photoIds = [...entry.photoIds];
  for (let i = photoIds.length; i < entry.photos.length; i++) {
    const photo = entry.photos[i] as Blob;
    const uploaded = await uploadCasePhoto(photo, `photo-${i + 1}.jpg`);
    photoIds.push(uploaded.id);
    await putEntry({ ...entry, photoIds });
  }
  return reportCase({ ...entry.report, photoIds }, entry.key);
}

export interface FlushResult {
  sent: { key: string; detail: CaseDetail }[];
  /** The first error that kept a report queued (network, session), if any. */
  retryLater: unknown;
}

let flushing: Promise<FlushResult> | null = null;

/**
 * Sends every queued report, oldest first; one flush at a time (the `online` event and a load may
 * both ask). A refused report is marked failed and kept for the user to see; a network failure
 * stops the flush and leaves the rest queued.
 */
export function flushOutbox(): Promise<FlushResult> {
  flushing ??= (async () => {
    const result: FlushResult = { sent: [], retryLater: null };
    try {
      for (const entry of await listEntries()) {
        if (entry.state === 'failed') continue;
        try {
          const detail = await sendEntry(entry);
          await deleteEntry(entry.key);
          result.sent.push({ key: entry.key, detail });
        } catch (error) {
          if (isRetryable(error)) {
            result.retryLater = error;
            break;
          }
          const latest = (await listEntries()).find((e) => e.key === entry.key) ?? entry;
          await putEntry({
            ...latest,
            state: 'failed',
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
    } finally {
      flushing = null;
    }
    return result;
  })();
  return flushing;
}

/** A new idempotency key (crypto.randomUUID needs a secure context; the fallback is random enough). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
