import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { requireViewer } from '../auth/viewer.ts';

/** `GET /v1/me` */
export function meRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', (c) => c.json(requireViewer(c)));
}
