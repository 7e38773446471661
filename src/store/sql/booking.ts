/**
 * `booking` with `booking_participant`: the hot-path busy read by SQL (src/store/README.md); both tables are
 * written by Prisma only (repos/bookings.ts), under their exclusion constraint.
 */
import { type ColumnMap, type Statement, selectList } from './columns.ts';

export type BusyRow = { personId: string; startsAt: Date; endsAt: Date };

// The participant's row holds their time: the booking's, or, for a member taking turns in a rotating series,
// their own first occurrence (`BookSlotInput.holds`).
const BUSY_PARTICIPANT = {
  personId: 'person_id',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
} as const satisfies ColumnMap<BusyRow>;

export const bookingSql = {
  /** The times `personIds` hold in active bookings, overlapping `[start, end)` (`bp` the participant, `b` the booking). */
  busyForPeople: (
    tenantId: string,
    personIds: readonly string[],
    range: { start: number; end: number },
  ): Statement => [
    `SELECT ${selectList(BUSY_PARTICIPANT, 'bp')}
     FROM booking_participant bp JOIN booking b ON b.id = bp.booking_id
     WHERE bp.person_id = ANY($1::uuid[]) AND b.tenant_id = $2::uuid AND b.status = 'booked'
       AND bp.starts_at < $3::timestamptz AND bp.ends_at > $4::timestamptz`,
    [[...personIds], tenantId, new Date(range.end).toISOString(), new Date(range.start).toISOString()],
  ],
};
