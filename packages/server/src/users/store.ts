import type { Role, User, UserRef } from '@plaza/contract';
import type { Db } from '../db.ts';

export interface UserRow {
  id: string;
  name: string;
  title: string | null;
  avatar_url: string | null;
  role: Role;
  locale: string | null;
}

export const USER_COLUMNS = 'id, name, title, avatar_url, role, locale';

export const toUser = (row: UserRow): User => ({
  id: row.id,
  name: row.name,
  avatarUrl: row.avatar_url,
  title: row.title,
  role: row.role,
  locale: row.locale,
});

export const toUserRef = (row: Pick<UserRow, 'id' | 'name' | 'title' | 'avatar_url'>): UserRef => ({
  id: row.id,
  name: row.name,
  avatarUrl: row.avatar_url,
  title: row.title,
});

export async function findUser(db: Db, id: string): Promise<User | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function listUsers(db: Db): Promise<User[]> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY name, id`);
  return rows.map(toUser);
}

/** `%`, `_` and the escape character itself, escaped for a LIKE pattern (with the default `\` escape). */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * People whose name contains `query`, ignoring case: names starting with it first, then names with a word
 * starting with it, then the rest; alphabetical within each.
 */
export async function searchUsers(db: Db, query: string, limit: number): Promise<UserRef[]> {
  const escaped = escapeLike(query);
  const { rows } = await db.query<Pick<UserRow, 'id' | 'name' | 'title' | 'avatar_url'>>(
    `SELECT id, name, title, avatar_url FROM users
      WHERE name ILIKE $1 ESCAPE '\\'
      ORDER BY CASE WHEN name ILIKE $2 ESCAPE '\\' THEN 0 WHEN name ILIKE $3 ESCAPE '\\' THEN 1 ELSE 2 END, name, id
      LIMIT $4`,
    [`%${escaped}%`, `${escaped}%`, `% ${escaped}%`, limit],
  );
  return rows.map(toUserRef);
}
