/**
 * Calendar ports for the demo people. Busy time comes from their shipped ICS files, served by Convene
 * itself at `/demo/calendars/<name>.ics` and read back through the ICS connector
 * (`createDemoBusyReader` in src/connectors/demo/busy-reader.ts, wired by main.ts) exactly like a
 * secret-address feed. ICS feeds are read-only, so the `EventWriter` answers
 * `read_only`: `bookMeeting` then keeps the booking in Convene's store (where it blocks the time for
 * later requests and shows on the playground's week grids) — that is the documented behaviour for
 * any read-only calendar.
 */
import type { EventWriter } from '../ports/calendars.ts';
import type { Person } from '../ports/store.ts';
import type { PeopleDirectory } from '../request-meeting.ts';
import type { DemoWorld } from './seed.ts';

export const demoEventWriter: EventWriter = {
  async writeFor() {
    return {
      ok: false,
      connectionId: null,
      code: 'read_only',
      message: 'demo calendars are read-only ICS files: the booking is kept in Convene',
    };
  },
};

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** `@ana`, `@Zoe`, `@zoé` → the demo person with that handle or name. */
export function createDemoDirectory(world: DemoWorld): PeopleDirectory {
  return {
    async findByName(tenantId, name): Promise<readonly Person[]> {
      if (tenantId !== world.tenantId) return [];
      const wanted = fold(name);
      return world.people
        .filter((p) => fold(p.key) === wanted || fold(p.name) === wanted)
        .map((p) => p.person);
    },
  };
}
