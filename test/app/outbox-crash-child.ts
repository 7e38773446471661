/**
 * Child process of test/app/outbox-crash.test.ts: books a slot against the PostgreSQL database in
 * CRASH_DB_URL, with a calendar whose first write reaches the (file-backed) provider and then never
 * returns — the parent kills this process there, after the booking's commit and before any event is
 * recorded.
 */
import { bookMeeting } from '../../src/app/book-meeting.ts';
import type { EventWriter } from '../../src/app/ports/calendars.ts';
import { openDatabase } from '../../src/store/database.ts';
import { freeBusy, RecordingCalendar } from './outbox-fixtures.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const input = JSON.parse(env('CRASH_INPUT')) as {
  tenantId: string;
  proposalId: string;
  actor: string;
  now: number;
  connections: [string, string][];
};
const store = await openDatabase({
  databaseUrl: env('CRASH_DB_URL'),
  encryptionKeys: env('CRASH_KEYS'),
  log: () => undefined,
});
const calendar = new RecordingCalendar(env('CRASH_FILE'));
for (const [person, connection] of input.connections) calendar.connections.set(person, connection);
const writer: EventWriter = {
  async writeFor(tenantId, personId, draft) {
    await calendar.writeFor(tenantId, personId, draft);
    process.stdout.write(`wrote ${personId}\n`);
    return new Promise(() => undefined); // hangs: killed here
  },
};
await bookMeeting(
  { store, busy: freeBusy, writer },
  {
    tenantId: input.tenantId,
    proposalId: input.proposalId,
    slotId: '1',
    actorPersonId: input.actor,
    now: input.now,
  },
);
process.stdout.write('finished\n');
