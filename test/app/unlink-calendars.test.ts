/** `/meet unlink`: which calendars go, each through the linking use case; outcomes as codes. */
import { describe, expect, it } from 'vitest';
import type { CalendarConnection } from '../../src/app/ports/store.ts';
import { unlinkCalendars } from '../../src/app/unlink-calendars.ts';

const connection = (id: string, provider: CalendarConnection['provider']) =>
  ({ id, provider, account: `${id}@example.com` }) as CalendarConnection;

function fakes(linked: CalendarConnection[], refuse: readonly string[] = []) {
  const calls: string[] = [];
  const deps = {
    store: {
      connections: {
        listForPerson: async (tenantId: string) => (tenantId === 't1' ? linked : []),
      },
    },
    linking: {
      unlink: async (input: { connectionId: string }) => {
        calls.push(input.connectionId);
        return refuse.includes(input.connectionId) ? ({ ok: false } as never) : ({ ok: true } as never);
      },
    },
  };
  return { deps, calls };
}

const who = { tenantId: 't1', personId: 'p1' };

describe('unlinkCalendars', () => {
  it('unlinks everything, one provider, or the only calendar', async () => {
    const both = [connection('g', 'google'), connection('m', 'microsoft')];
    let f = fakes(both);
    expect(await unlinkCalendars(f.deps, { ...who, all: true })).toMatchObject({ ok: true, unlinked: both });
    expect(f.calls).toEqual(['g', 'm']);
    f = fakes(both);
    expect(await unlinkCalendars(f.deps, { ...who, provider: 'microsoft' })).toMatchObject({
      ok: true,
      unlinked: [both[1]],
    });
    f = fakes([both[0]!]);
    expect(await unlinkCalendars(f.deps, who)).toMatchObject({ ok: true, unlinked: [both[0]] });
  });

  it('asks which when several are linked and none is named, and reports refusals by leaving them out', async () => {
    const both = [connection('g', 'google'), connection('m', 'microsoft')];
    let f = fakes(both);
    expect(await unlinkCalendars(f.deps, who)).toMatchObject({ ok: false, code: 'which', linked: both });
    expect(await unlinkCalendars(f.deps, { ...who, provider: 'caldav' })).toMatchObject({ code: 'which' });
    expect(f.calls).toEqual([]);
    f = fakes(both, ['g']);
    expect(await unlinkCalendars(f.deps, { ...who, all: true })).toMatchObject({
      ok: true,
      unlinked: [both[1]],
    });
  });

  it('says when nothing is linked (in this tenant) and when linking is not configured', async () => {
    const f = fakes([connection('g', 'google')]);
    expect(await unlinkCalendars(f.deps, { ...who, tenantId: 't2', all: true })).toMatchObject({
      ok: false,
      code: 'none_linked',
    });
    expect(await unlinkCalendars({ store: f.deps.store }, { ...who, all: true })).toMatchObject({
      ok: false,
      code: 'not_configured',
    });
    expect(f.calls).toEqual([]);
  });
});
