import { describe, expect, it } from 'vitest';
import { type ColumnMap, selectList } from '../../src/store/sql/columns.ts';

type Row = { id: string; tenantId: string; displayName: string };

describe('column maps', () => {
  it('builds the SELECT list from the map: fields named like their column unaliased, others quoted aliases', () => {
    const map = {
      id: 'id',
      tenantId: 'tenant_id',
      displayName: 'display_name',
    } as const satisfies ColumnMap<Row>;
    expect(selectList(map)).toBe('id, tenant_id AS "tenantId", display_name AS "displayName"');
    expect(selectList(map, 'p')).toBe('p.id, p.tenant_id AS "tenantId", p.display_name AS "displayName"');
  });

  it('is checked by the compiler: a missing or unknown field does not satisfy ColumnMap<Row>', () => {
    // @ts-expect-error displayName has no column
    const missing: ColumnMap<Row> = { id: 'id', tenantId: 'tenant_id' };
    const extra: ColumnMap<Row> = {
      id: 'id',
      tenantId: 'tenant_id',
      displayName: 'display_name',
      // @ts-expect-error email is not a field of the row
      email: 'email',
    };
    expect(selectList(missing)).toBe('id, tenant_id AS "tenantId"');
    expect(selectList(extra)).toContain('email');
  });
});
