import type { Context } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from './env.ts';
import { validationFailed, type FieldErrors } from './errors.ts';

// zod/mini ships without messages ("Invalid input"); the server can afford the English ones.
const englishMessages = z.locales.en().localeError;

/** Groups zod issues by dotted path (`options.1`); issues about the whole body go under `body`. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || 'body';
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

/** Whether any string (or key) inside a parsed JSON value contains U+0000. */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([key, item]) => key.includes('\0') || containsNul(item));
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
  // PostgreSQL text cannot hold U+0000: refuse it here for every field, rather than fail in the database.
  if (containsNul(json)) throw validationFailed('The request contains the character U+0000, which text may not hold');
  return validate(schema, json);
}
