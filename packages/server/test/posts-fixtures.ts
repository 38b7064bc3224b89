/** Request helpers shared by the posts, feed, moderation and posts-concurrency tests. */
import * as z from 'zod/mini';
import { Comment, FeedPage, Post, type CreatePostRequest } from '@plaza/contract';
import type { TestApi } from './helpers.ts';

export async function readPost(response: Response): Promise<Post> {
  if (response.status >= 300) throw new Error(`expected a post, got ${response.status} ${await response.text()}`);
  return z.parse(Post, await response.json());
}

export async function readComment(response: Response): Promise<Comment> {
  if (response.status >= 300) throw new Error(`expected a comment, got ${response.status} ${await response.text()}`);
  return z.parse(Comment, await response.json());
}

export async function readFeed(response: Response): Promise<FeedPage> {
  if (response.status !== 200) throw new Error(`expected a feed page, got ${response.status} ${await response.text()}`);
  return z.parse(FeedPage, await response.json());
}

/** Creates a post as `as` and returns it (throws unless 201). */
export async function createPost(api: TestApi, as: string, input: CreatePostRequest): Promise<Post> {
  const response = await api.request('POST', '/v1/posts', { as, body: input });
  if (response.status !== 201) throw new Error(`createPost: ${response.status} ${await response.text()}`);
  return readPost(response);
}

/** Inserts an uploaded image owned by `ownerId`. */
export async function insertFile(api: TestApi, id: string, ownerId: string, width = 800, height = 600) {
  await api.db.query(
    `INSERT INTO files (id, owner_id, content_type, byte_size, width, height, data, created_at)
     VALUES ($1, $2, 'image/png', 10, $3, $4, NULL, $5)`,
    [id, ownerId, width, height, api.clock.current],
  );
}

/** Inserts a group with these members (the first is admin). */
export async function insertGroup(
  api: TestApi,
  id: string,
  visibility: 'public' | 'private',
  members: readonly string[],
): Promise<void> {
  await api.db.query(
    `INSERT INTO groups (id, name, visibility, join_policy, created_at) VALUES ($1, $1, $2, 'open', $3)`,
    [id, visibility, api.clock.current],
  );
  for (const [index, userId] of members.entries()) {
    await api.db.query('INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)', [
      id,
      userId,
      index === 0 ? 'admin' : 'member',
      api.clock.current,
    ]);
  }
}

/** The events recorded for this entity, oldest first. */
export async function eventsFor(api: TestApi, entityId: string): Promise<{ type: string; group_id: string | null }[]> {
  const { rows } = await api.db.query<{ type: string; group_id: string | null }>(
    'SELECT type, group_id FROM events WHERE entity_id = $1 ORDER BY id',
    [entityId],
  );
  return rows;
}
