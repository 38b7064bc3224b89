import { Hono } from 'hono';
import * as z from 'zod/mini';
import { Topic, type ExpertList } from '@plaza/contract';
import { validate } from '../http/body.ts';
import type { AppEnv, AppSettings } from '../http/env.ts';
import { listExperts } from './store.ts';

const ExpertQuery = z.object({ topic: z.optional(Topic) });

/** `/v1/experts?topic=`: who answers a topic's questions. */
export function expertRoutes(settings: AppSettings): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', async (c) => {
    const { topic } = validate(ExpertQuery, { topic: c.req.query('topic') });
    const items = await listExperts(c.get('db'), topic ?? null, c.get('viewer')?.id ?? null, settings.now());
    return c.json({ items } satisfies ExpertList);
  });
}
