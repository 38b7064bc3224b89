import { lexPlainRichText } from '../markdown/lexer.ts';
import { GROUP_LIMITS, type Group, type GroupContributor, type Membership, type User } from '@plaza/contract';
import type { Db } from '../db.ts';
import { managesGroup } from './access.ts';
import { startOfMonth, topContributorsOf } from './contributors.ts';
import { findGroupPeople, findGroupRecords, type GroupPeople, type GroupRecord } from './store.ts';

/** Whether the viewer sees the group's people and content: public groups, or members of private ones. */
export const seesInside = (record: GroupRecord) => record.visibility === 'public' || record.viewerRole !== null;

/**
 * A group as the viewer sees it. `people` must be given exactly when `seesInside(record)`: outsiders of a
 * private group get the reduced form (no members, no admins).
 */
export function toGroupView(
  record: GroupRecord,
  viewer: User | null,
  people: GroupPeople | undefined,
  contributors: GroupContributor[] = [],
): Group {
  const signedIn = viewer !== null;
  const role = record.viewerRole;
  const membership: Membership = role ?? (record.viewerPending ? 'pending' : 'none');
  const canManage = managesGroup(viewer, role);
  const lastAdmin = role === 'admin' && record.adminCount <= 1;
  const visible = seesInside(record);
  return {
    id: record.id,
    name: record.name,
    description: lexPlainRichText(record.description),
    coverUrl: record.coverUrl,
    coverAlt: record.coverAlt,
    visibility: record.visibility,
    joinPolicy: record.joinPolicy,
    locale: record.locale,
    memberCount: record.memberCount,
    members: visible && people ? people.facepile : null,
    admins: visible && people ? people.admins : null,
    contentVisible: visible,
    membership,
    pendingRequestCount: canManage ? record.requestCount : null,
    canJoin: signedIn && role === null && record.joinPolicy === 'open',
    canRequest: signedIn && membership === 'none' && record.joinPolicy === 'request',
    canCancelRequest: signedIn && membership === 'pending',
    canLeave: role !== null && !lastAdmin,
    leaveBlockedReason: lastAdmin ? 'last-admin' : null,
    canManage,
    topContributors: visible ? contributors : null,
  };
}

/** The groups as the viewer sees them, in the order of `ids`; unknown ids are left out. */
export async function loadGroups(db: Db, ids: readonly string[], viewer: User | null, now: Date): Promise<Group[]> {
  const records = await findGroupRecords(db, ids, viewer?.id ?? null);
  // People are read only for the groups whose people the viewer may see.
  const inside = records.filter(seesInside).map((record) => record.id);
  const [people, contributors] = await Promise.all([
    findGroupPeople(db, inside, GROUP_LIMITS.facepileMax),
    topContributorsOf(db, inside, startOfMonth(now), now),
  ]);
  const views = new Map(
    records.map((record) => [
      record.id,
      toGroupView(record, viewer, people.get(record.id), contributors.get(record.id)),
    ]),
  );
  return ids.flatMap((id) => views.get(id) ?? []);
}

/** One group as the viewer sees it, or `null` when there is none with this id. */
export async function loadGroup(db: Db, id: string, viewer: User | null, now: Date): Promise<Group | null> {
  const [group] = await loadGroups(db, [id], viewer, now);
  return group ?? null;
}
