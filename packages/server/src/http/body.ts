import type { Context } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from './env.ts';
import { validationFailed, type FieldErrors } from './errors.ts';

// zod/mini ships without messages ("Invalid input"); the server can afford the English ones.
const englishMessages = z.locales.en().localeError;

/**
 * Groups zod issues by dotted path (`options.1`); issues about the whole body go under `body`. A value of the wrong
 * type is said once: zod also runs the field's length checks on it (a long string for an array of ids gets "Too big:
 * expected string to have <=10 characters"), which only confuses, so a path with a type issue keeps just that.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const pathOf = (issue: z.core.$ZodIssue) => issue.path.map(String).join('.') || 'body';
  const wrongType = new Set(issues.filter((issue) => issue.code === 'invalid_type').map(pathOf));
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const path = pathOf(issue);
    if (wrongType.has(path) && issue.code !== 'invalid_type') continue;
    (fields[path] ??= []).push(issue.message);
  }
  return fields;
}

/** Parses `input` with `schema`, or throws a 400 `validation_failed` naming each invalid field. */
export function validate<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const result = z.safeParse(schema, input, { error: englishMessages });
  if (!result.success) throw validationFailed('The request is not valid', fieldErrors(result.error.issues));
  return result.data;
}

/** The dotted paths (`options.1`, like field errors) of every string or key in a JSON value with U+0000. */
export function nulPaths(value: unknown, path = ''): string[] {
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (typeof value === 'string') return value.includes('\0') ? [path || 'body'] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => nulPaths(item, at(index)));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      key.includes('\0') ? [at(key.replaceAll('\0', '\\0'))] : nulPaths(item, at(key)),
    );
  }
  return [];
}

/** How deep a request body may nest: every body of the API is a few levels deep. */
export const MAX_BODY_DEPTH = 32;

/** Whether a JSON value nests arrays and objects deeper than `max` (walked with a stack: any depth is safe). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (!item || typeof item !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The request body parsed as JSON and validated with `schema` (400 when malformed or invalid). */
export async function readBody<S extends z.ZodMiniType>(c: Context<AppEnv>, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw validationFailed(text.trim() ? 'The request body is not valid JSON' : 'The request needs a JSON body');
  }
  // Before anything walks it with recursion (a 10 KB body can nest 5,000 levels and overflow the stack).
  if (nestsDeeperThan(json, MAX_BODY_DEPTH)) {
    throw validationFailed('The request body is nested too deeply', {
      body: [`At most ${MAX_BODY_DEPTH} levels of arrays and objects`],
    });
  }
  // PostgreSQL text cannot hold U+0000: refuse it here for every field, rather than fail in the database.
  const withNul = nulPaths(json);
  if (withNul.length > 0) {
    const message = 'Must not contain the character U+0000';
    throw validationFailed('The request is not valid', Object.fromEntries(withNul.map((path) => [path, [message]])));
  }
  return validate(schema, json);
}
