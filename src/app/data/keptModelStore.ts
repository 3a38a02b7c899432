/**
 * Models trained in the lab and kept in this browser (IndexedDB), so they are in the model picker
 * again after a reload. One record per model: its TF.js files and what the picker shows. Storage
 * may be missing (a private window, blocked site data) or full: every failure is a
 * KeptModelStorageError whose message says what happened and what to do; the app goes on.
 */
import type { LabDataset } from '../../engine/api';

export interface KeptModelRecord {
  /** the model's id in the picker (own-trained-…), stable across reloads */
  id: string;
  /** the picker's title without "(trained here)" */
  title: string;
  architecture: string;
  dataset: LabDataset;
  /** model.json, its weights manifest naming weights.bin */
  modelJson: string;
  /** weights.bin */
  weights: Uint8Array;
  /** Date.now() when kept; the picker lists them in this order */
  keptAt: number;
}

export interface KeptModelStore {
  list(): Promise<KeptModelRecord[]>;
  put(record: KeptModelRecord): Promise<void>;
  remove(id: string): Promise<void>;
}

export class KeptModelStorageError extends Error {
  constructor(
    message: string,
    /** 'unavailable': this browser keeps nothing for the page; 'full': over its quota */
    readonly reason: 'unavailable' | 'full' | 'failed',
  ) {
    super(message);
    this.name = 'KeptModelStorageError';
  }
}

const DB_NAME = 'adversarial-explorer';
const DB_VERSION = 1;
const STORE = 'trained-models';

const UNAVAILABLE =
  'this browser keeps no data for this page (IndexedDB is not available: a private window, or site data is blocked); the model stays until you close the page, and "Download model" saves it';

/** The storage error for `e`, met while `doing` (e.g. "keeping the model"). */
export function storageError(e: unknown, doing: string): KeptModelStorageError {
  if (e instanceof KeptModelStorageError) return e;
  const name = e instanceof Error || e instanceof DOMException ? e.name : '';
  const detail = e instanceof Error || e instanceof DOMException ? e.message : String(e);
  if (name === 'QuotaExceededError')
    return new KeptModelStorageError(
      `Could not finish ${doing}: the browser's storage for this site is full; remove a kept model (Remove from this browser, under the model picker) or download this one instead`,
      'full',
    );
  // Firefox's private windows refuse IndexedDB with InvalidStateError, others with SecurityError
  if (name === 'SecurityError' || name === 'InvalidStateError')
    return new KeptModelStorageError(`Could not finish ${doing}: ${UNAVAILABLE}`, 'unavailable');
  return new KeptModelStorageError(
    `Could not finish ${doing} in this browser's storage: ${detail || name || 'unknown error'}`,
    'failed',
  );
}

function requestDone<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('the request failed'));
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    // a quota error aborts the transaction: its error names it
    tx.onabort = () => reject(tx.error ?? new Error('the transaction was aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('the transaction failed'));
  });
}

function isRecord(value: unknown): value is KeptModelRecord {
  const r = value as Partial<KeptModelRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.id === 'string' &&
    typeof r.title === 'string' &&
    typeof r.architecture === 'string' &&
    (r.dataset === 'mnist' || r.dataset === 'fashion-mnist') &&
    typeof r.modelJson === 'string' &&
    r.weights instanceof Uint8Array &&
    typeof r.keptAt === 'number'
  );
}

/** The store in this browser's IndexedDB (`factory`: the global one, absent in some browsers). */
export function indexedDbKeptModels(
  factory: IDBFactory | undefined = globalThis.indexedDB,
): KeptModelStore {
  let opened: Promise<IDBDatabase> | null = null;
  const open = (doing: string): Promise<IDBDatabase> => {
    if (!factory)
      return Promise.reject(
        new KeptModelStorageError(`Could not finish ${doing}: ${UNAVAILABLE}`, 'unavailable'),
      );
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE))
          request.result.createObjectStore(STORE, { keyPath: 'id' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
      request.onblocked = () =>
        reject(new Error('IndexedDB is held by an older version of this page in another tab'));
    }).catch((e: unknown) => {
      opened = null;
      throw e;
    });
    return opened;
  };
  /** runs `body` in one transaction on the store; every failure becomes a storage error */
  const inStore = async <T>(
    doing: string,
    mode: IDBTransactionMode,
    body: (store: IDBObjectStore) => Promise<T> | T,
  ): Promise<T> => {
    try {
      const db = await open(doing);
      const tx = db.transaction(STORE, mode);
      const done = transactionDone(tx);
      // a body that throws leaves `done` to reject unheard otherwise
      done.catch(() => undefined);
      const result = await body(tx.objectStore(STORE));
      await done;
      return result;
    } catch (e) {
      throw storageError(e, doing);
    }
  };
  return {
    list: () =>
      inStore('reading the kept models', 'readonly', async (store) => {
        const all: unknown[] = await requestDone(store.getAll());
        return all.filter(isRecord).sort((a, b) => a.keptAt - b.keptAt);
      }),
    put: (record) =>
      inStore('keeping the model', 'readwrite', (store) => {
        // a copy: a view would store the whole buffer under it
        store.put({ ...record, weights: record.weights.slice() });
      }),
    remove: (id) =>
      inStore('removing the model', 'readwrite', (store) => {
        store.delete(id);
      }),
  };
}
