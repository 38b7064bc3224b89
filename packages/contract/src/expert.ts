import * as z from 'zod/mini';
import { Timestamp } from './common.ts';
import { Topic } from './question.ts';
import { UserRef } from './user.ts';

/** Whether an expert takes questions now; away experts are not notified of new questions. */
export const Availability = z.enum(['available', 'away']);
export type Availability = z.infer<typeof Availability>;

/** A person who answers questions of a topic. */
export const Expert = z.object({
  user: UserRef,
  /** The topic they are an expert of (one person may be an expert of several). */
  topic: Topic,
  /** What they know, in their words, e.g. `VPN`, `Wechselrichter`. */
  skills: z.array(z.string()),
  availability: Availability,
  /** When an away expert is back; null when available. */
  awayUntil: z.nullable(Timestamp),
  /** Their answers to questions of this topic that the viewer may see. */
  answerCount: z.int().check(z.minimum(0)),
  /** How many of those answers were accepted. */
  acceptedCount: z.int().check(z.minimum(0)),
});
export type Expert = z.infer<typeof Expert>;

/** `GET /v1/experts?topic=`: available experts first, then by accepted and answer counts. */
export const ExpertList = z.object({
  /** The experts, in display order. */
  items: z.array(Expert),
});
export type ExpertList = z.infer<typeof ExpertList>;
