/**
 * `person` with its `chat_identity` rows: the hot-path reads by SQL (src/store/README.md). Both tables are
 * written by Prisma only (src/store/repos/people.ts).
 */
import type { ChatPlatform, Person } from '../../app/ports/store.ts';
import { type ColumnMap, type Statement, selectList } from './columns.ts';

export type IdentityRow = {
  workspaceId: string;
  platform: string;
  externalUserId: string;
  handle: string | null;
};

export type PersonRow = {
  id: string;
  tenantId: string;
  displayName: string;
  email: string | null;
  identities: IdentityRow[];
};

const PERSON_COLUMNS = {
  id: 'id',
  tenantId: 'tenant_id',
  displayName: 'display_name',
  email: 'email',
} as const satisfies ColumnMap<Omit<PersonRow, 'identities'>>;

const IDENTITY_COLUMNS = {
  workspaceId: 'workspace_id',
  platform: 'platform',
  externalUserId: 'external_user_id',
  handle: 'handle',
} as const satisfies ColumnMap<IdentityRow>;

/** A person with their identities (oldest first) as one row; `p` is the person. */
const PERSON = `${selectList(PERSON_COLUMNS, 'p')},
  COALESCE((SELECT json_agg(json_build_object(${Object.entries(IDENTITY_COLUMNS)
    .map(([field, column]) => `'${field}', i.${column}`)
    .join(', ')}) ORDER BY i.created_at, i.id)
            FROM chat_identity i WHERE i.person_id = p.id), '[]'::json) AS identities`;

export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    tenantId: row.tenantId,
    displayName: row.displayName,
    email: row.email,
    identities: row.identities.map((i) => ({
      workspaceId: i.workspaceId,
      platform: i.platform as ChatPlatform,
      externalUserId: i.externalUserId,
      handle: i.handle,
    })),
  };
}

export const personSql = {
  byIdentity: (workspaceId: string, externalUserId: string): Statement => [
    `SELECT ${PERSON} FROM chat_identity ci JOIN person p ON p.id = ci.person_id
     WHERE ci.workspace_id = $1::uuid AND ci.external_user_id = $2`,
    [workspaceId, externalUserId],
  ],
  /** Rows carry `key`: the external user id they were found by. */
  byIdentities: (workspaceId: string, externalUserIds: readonly string[]): Statement => [
    `SELECT ci.external_user_id AS key, ${PERSON} FROM chat_identity ci JOIN person p ON p.id = ci.person_id
     WHERE ci.workspace_id = $1::uuid AND ci.external_user_id = ANY($2::text[])`,
    [workspaceId, [...externalUserIds]],
  ],
  get: (tenantId: string, personId: string): Statement => [
    `SELECT ${PERSON} FROM person p WHERE p.id = $1::uuid AND p.tenant_id = $2::uuid`,
    [personId, tenantId],
  ],
};
