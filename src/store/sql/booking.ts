/**
 * `booking` with `booking_participant`: the hot-path busy read by SQL (src/store/README.md); both tables are
 * written by Prisma only (repos/bookings.ts), under their exclusion constraint.
 */
import { type ColumnMap, type Statement, selectList } from './columns.ts';

export type BusyRow = { personId: string; startsAt: Date; endsAt: Date };

const BUSY_PARTICIPANT = { personId: 'person_id' } as const satisfies ColumnMap<Pick<BusyRow, 'personId'>>;
const BUSY_BOOKING = { startsAt: 'starts_at', endsAt: 'ends_at' } as const satisfies ColumnMap<
  Omit<BusyRow, 'personId'>
>;

export const bookingSql = {
  /** The booked times of `personIds` overlapping `[start, end)` (`bp` the participant, `b` the booking). */
  busyForPeople: (
    tenantId: string,
    personIds: readonly string[],
    range: { start: number; end: number },
  ): Statement => [
    `SELECT ${selectList(BUSY_PARTICIPANT, 'bp')}, ${selectList(BUSY_BOOKING, 'b')}
     FROM booking_participant bp JOIN booking b ON b.id = bp.booking_id
     WHERE bp.person_id = ANY($1::uuid[]) AND b.tenant_id = $2::uuid AND b.status = 'booked'
       AND b.starts_at < $3::timestamptz AND b.ends_at > $4::timestamptz`,
    [[...personIds], tenantId, new Date(range.end).toISOString(), new Date(range.start).toISOString()],
  ],
};
