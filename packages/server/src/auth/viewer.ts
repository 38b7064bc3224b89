import type { Context } from 'hono';
import type { User } from '@plaza/contract';
import type { AppEnv } from '../http/env.ts';
import { unauthenticated } from '../http/errors.ts';

/** The signed-in user, or a 401 for routes that need one. */
export function requireViewer(c: Context<AppEnv>): User {
  const viewer = c.get('viewer');
  if (!viewer) throw unauthenticated();
  return viewer;
}
