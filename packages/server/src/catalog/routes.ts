import { Hono } from 'hono';
import type { AppEnv, AppSettings } from '../http/env.ts';
import { loadCatalog } from './store.ts';

/** `/v1/catalog`: the polls, groups and topics the snippet builder offers, as the viewer may see them. */
export function catalogRoutes(settings: AppSettings): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', async (c) =>
    c.json(await loadCatalog(c.get('db'), c.get('viewer')?.id ?? null, settings.now())),
  );
}
