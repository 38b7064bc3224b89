import * as z from 'zod/mini';
import { Id } from './common.ts';
import { GroupVisibility } from './group.ts';
import { Topic } from './question.ts';

/** One poll an editor can embed: enough to pick it from a list. */
export const CatalogPoll = z.object({
  /** The poll's id, for `<plaza-poll poll-id>`. */
  id: Id,
  /** The question, as written. */
  question: z.string(),
  /** The group the poll belongs to; null for a company-wide poll. */
  groupId: z.nullable(Id),
  /** Whether the poll is closed (closed by hand or past its closing time). */
  closed: z.boolean(),
});
export type CatalogPoll = z.infer<typeof CatalogPoll>;

/** One group an editor can embed (every group exists for everyone; private ones show a reduced card). */
export const CatalogGroup = z.object({
  /** The group's id, for `<plaza-group-card group-id>` and `<plaza-feed group-id>`. */
  id: Id,
  /** The group's name. */
  name: z.string(),
  /** `public` or `private`. */
  visibility: GroupVisibility,
});
export type CatalogGroup = z.infer<typeof CatalogGroup>;

/**
 * `GET /v1/catalog`: what the snippet builder offers to embed, as the viewer sees it: the polls they may see
 * (newest first, at most 100; polls of private groups only for members), every group (by name), and the
 * expert topics (with experts or questions), alphabetically.
 */
export const Catalog = z.object({
  /** Polls the viewer may see, newest first. */
  polls: z.array(CatalogPoll),
  /** Every group, by name. */
  groups: z.array(CatalogGroup),
  /** Topics that have experts or questions the viewer may see, alphabetically. */
  topics: z.array(Topic),
});
export type Catalog = z.infer<typeof Catalog>;
