/**
 * Collects the ids asked for within one macrotask into one `load(ids)` call (`GET …?ids=a,b,c`), and
 * gives every caller of the same id the same promise. Ids missing from the answer reject with `missing(id)`.
 */
export function createBatcher<T>(options: {
  load: (ids: string[]) => Promise<T[]>;
  idOf: (item: T) => string;
  missing: (id: string) => Error;
  maxBatch?: number;
}): (id: string) => Promise<T> {
  const maxBatch = options.maxBatch ?? 100;
  let queue = new Map<string, { resolve: (value: T) => void; reject: (error: unknown) => void; promise: Promise<T> }>();
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const batch = queue;
    queue = new Map();
    const ids = [...batch.keys()];
    for (let start = 0; start < ids.length; start += maxBatch) {
      const chunk = ids.slice(start, start + maxBatch);
      options.load(chunk).then(
        (items) => {
          const byId = new Map(items.map((item) => [options.idOf(item), item]));
          for (const id of chunk) {
            const item = byId.get(id);
            if (item === undefined) batch.get(id)!.reject(options.missing(id));
            else batch.get(id)!.resolve(item);
          }
        },
        (error: unknown) => {
          for (const id of chunk) batch.get(id)!.reject(error);
        },
      );
    }
  };

  return (id) => {
    const queued = queue.get(id);
    if (queued) return queued.promise;
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    queue.set(id, { resolve, reject, promise });
    if (!scheduled) {
      scheduled = true;
      setTimeout(flush, 0);
    }
    return promise;
  };
}
