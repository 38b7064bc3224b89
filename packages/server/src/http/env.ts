import type { User } from '@plaza/contract';
import type { Db } from '../db.ts';
import type { ReadCache } from './read-cache.ts';
import type { FileStorage } from '../files/storage.ts';

/** What the middleware puts on each request's context. */
export interface AppEnv {
  Variables: {
    /** The database, or the request's transaction for writes: handlers use only this one. */
    db: Db;
    /** The signed-in user, or `null`. */
    viewer: User | null;
    requestId: string;
  };
}

/** Settings the route handlers share. */
export interface AppSettings {
  now: () => Date;
  /** Anonymous polls hide their breakdown until this many people voted. */
  minGroupSize: number;
  /** What many requests read alike, kept between writes (see read-cache.ts). */
  cache: ReadCache;
  /** Where uploaded images' bytes live (see files/storage.ts). */
  fileStorage: FileStorage;
}
