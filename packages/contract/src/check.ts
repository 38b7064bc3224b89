/**
 * The small runtime behind `@plaza/contract/checks`: validators compiled from the contract's zod/mini schemas
 * (by `scripts/generate-checks.ts`), for browser code that must validate responses without shipping zod.
 * Each check returns what zod's parser returns for the same input — objects rebuilt with their schema's keys
 * only (unknown keys dropped), defaults filled in — or throws a {@link CheckError} where zod reports an issue.
 * `test/checks.test.ts` holds the two to the same answers.
 */

/** A compiled validator: the parsed value, or a thrown {@link CheckError}. */
export type Check<T> = (value: unknown) => T;

/** Thrown by a {@link Check}: `path` names the first value that does not fit (`options.0.label`). */
export class CheckError extends Error {
  readonly path: (string | number)[];
  constructor(path: (string | number)[] = []) {
    super(`Invalid value at ${path.join('.') || 'the top level'}`);
    this.path = path;
  }
}

/** zod's `safeParse`, for compiled checks. */
export function safeCheck<T>(check: Check<T>, value: unknown): { success: true; data: T } | { success: false } {
  try {
    return { success: true, data: check(value) };
  } catch (error) {
    if (error instanceof CheckError) return { success: false };
    throw error;
  }
}

const fail = (): never => {
  throw new CheckError();
};

/** Runs `check` on the value under `key`, naming the key in a failure's path. */
function at<T>(check: Check<T>, value: unknown, key: string | number): T {
  try {
    return check(value);
  } catch (error) {
    if (error instanceof CheckError) throw new CheckError([key, ...error.path]);
    throw error;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Marks a property check an object may leave out (zod's `optional`: an absent key stays absent). */
type Optional = Check<unknown> & { optional?: true };

/** A string of `min` to `max` characters (code points, as zod counts: an emoji is one), matching `pattern`. */
export const str =
  (min = 0, max = Infinity, pattern?: RegExp): Check<string> =>
  (value) => {
    if (typeof value !== 'string') return fail();
    // A code point is one or two UTF-16 units: count them only when the unit count leaves the answer open.
    const length = value.length > max || value.length < min * 2 ? [...value].length : value.length;
    if (length < min || length > max) return fail();
    if (pattern) pattern.lastIndex = 0;
    return !pattern || pattern.test(value) ? value : fail();
  };

/** A safe integer from `min` to `max`. */
export const int =
  (min = -Infinity, max = Infinity): Check<number> =>
  (value) =>
    Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max ? (value as number) : fail();

export const bool: Check<boolean> = (value) => (typeof value === 'boolean' ? value : fail());

/** One of `values` (a literal or an enum). */
export const oneOf =
  <T>(...values: T[]): Check<T> =>
  (value) =>
    values.includes(value as T) ? (value as T) : fail();

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (value) =>
    value === null ? null : check(value);

export const optional = <T>(check: Check<T>): Check<T | undefined> => {
  const optionalCheck: Optional = (value) => (value === undefined ? undefined : check(value));
  optionalCheck.optional = true;
  return optionalCheck as Check<T | undefined>;
};

/** `undefined` becomes a fresh copy of `fallback` (a JSON value). */
export const withDefault =
  <T>(check: Check<T>, fallback: T): Check<T> =>
  (value) =>
    value === undefined ? (structuredClone(fallback) as T) : check(value);

export const array =
  <T>(check: Check<T>, min = 0, max = Infinity): Check<T[]> =>
  (value) => {
    if (!Array.isArray(value) || value.length < min || value.length > max) return fail();
    return value.map((item, index) => at(check, item, index));
  };

/** An object with string keys whose values all pass `check`. */
export const record =
  <T>(check: Check<T>): Check<Record<string, T>> =>
  (value) => {
    if (!isObject(value)) return fail();
    const out: Record<string, T> = {};
    for (const key of Object.keys(value)) out[key] = at(check, value[key], key);
    return out;
  };

export const object =
  <T>(shape: Record<string, Check<unknown>>): Check<T> =>
  (value) => {
    if (!isObject(value)) return fail();
    const out: Record<string, unknown> = {};
    for (const key in shape) {
      const check = shape[key] as Optional;
      if (check.optional && !(key in value)) continue;
      out[key] = at(check, value[key], key);
    }
    return out as T;
  };

/** A discriminated union: the option whose `key` literal the value carries. */
export const union =
  <T>(key: string, options: Record<string, Check<unknown>>): Check<T> =>
  (value) => {
    const tag = isObject(value) ? value[key] : undefined;
    const option = typeof tag === 'string' && Object.hasOwn(options, tag) ? options[tag] : undefined;
    return option ? (option(value) as T) : fail();
  };

/** Checks the value but returns it as given (zod's `custom` refinements, which validate without copying). */
export const unchanged =
  <T>(check: Check<unknown>): Check<T> =>
  (value) => {
    check(value);
    return value as T;
  };

/** A reference to a check defined further down (recursive schemas). */
export const later =
  <T>(get: () => Check<T>): Check<T> =>
  (value) =>
    get()(value);
