/**
 * Calendar ports for the demo people. Busy time comes from their shipped ICS files, served by Convene
 * itself at `/demo/calendars/<name>.ics` and read back through the ICS connector
 * (`createDemoBusyReader` in src/connectors/demo/busy-reader.ts, wired by main.ts) exactly like a
 * secret-address feed. ICS feeds are read-only, so the `EventWriter` answers
 * `read_only`: `bookMeeting` then keeps the booking in Convene's store (where it blocks the time for
 * later requests and shows on the playground's week grids) — that is the documented behaviour for
 * any read-only calendar.
 */
import { normalize } from '../../core/intervals.ts';
import type { BusyReader, EventWriter, PersonBusy } from '../ports/calendars.ts';
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

/**
 * The demo people's busy time with the calendars they linked from the playground (`/meet link`): the demo
 * file's busy time and the linked calendars' are merged per person, so a linked calendar adds to the demo
 * week rather than replacing it (the demo's other people and examples keep making sense). `linked` is the
 * ordinary reader over stored connections (bounded, address-guarded connectors, as for chat people); its
 * "no calendar linked" gap is not a gap here, since the demo file is that person's calendar.
 */
export function withLinkedCalendars(demo: BusyReader, linked: BusyReader): BusyReader {
  return {
    async busyFor(tenantId, personIds, range, options) {
      const [fromDemo, fromLinked] = await Promise.all([
        demo.busyFor(tenantId, personIds, range, options),
        linked.busyFor(tenantId, personIds, range, options),
      ]);
      const unlinked = new Set(fromLinked.gaps.filter((g) => g.code === 'not_linked').map((g) => g.personId));
      const linkedOf = new Map(fromLinked.people.map((p) => [p.personId, p] as const));
      const people: PersonBusy[] = fromDemo.people.map((p) => {
        const other = linkedOf.get(p.personId);
        if (!other || unlinked.has(p.personId)) return p;
        return {
          personId: p.personId,
          busy: normalize([...p.busy, ...other.busy]),
          complete: p.complete && other.complete,
        };
      });
      return {
        people,
        gaps: [...fromDemo.gaps, ...fromLinked.gaps.filter((g) => g.code !== 'not_linked')],
      };
    },
  };
}
