/**
 * Seeds the demo into Convene's own store, through the ordinary repositories: a clearly named demo
 * workspace (platform `slack`, external id `convene-demo-playground`, which no real Slack team id can
 * be: those start with `T`), its four people with preferences, restored from `demo/` on every start.
 * Bookings made in the playground are real bookings of that workspace's tenant; `resetDemo` cancels them.
 */
import type { Person, Repositories } from '../ports/store.ts';
import type { DemoConfig, DemoPersonConfig } from './config.ts';

export const DEMO_WORKSPACE_EXTERNAL_ID = 'convene-demo-playground';
export const DEMO_WORKSPACE_NAME = 'Convene playground (DEMO DATA)';

export interface DemoPerson extends DemoPersonConfig {
  readonly id: string;
  readonly person: Person;
}

export interface DemoWorld {
  readonly tenantId: string;
  readonly workspaceId: string;
  readonly config: DemoConfig;
  readonly people: readonly DemoPerson[];
}

export async function seedDemo(
  store: Pick<Repositories, 'workspaces' | 'people' | 'preferences'>,
  config: DemoConfig,
): Promise<DemoWorld> {
  const workspace = await store.workspaces.install({
    platform: 'slack',
    externalId: DEMO_WORKSPACE_EXTERNAL_ID,
    name: DEMO_WORKSPACE_NAME,
  });
  const people: DemoPerson[] = [];
  for (const p of config.people) {
    const person = await store.people.upsertByIdentity({
      workspaceId: workspace.id,
      externalUserId: `demo-${p.key}`,
      displayName: p.name,
      handle: p.key,
      email: null,
    });
    if (!person) throw new Error(`seedDemo: the demo workspace ${workspace.id} vanished`);
    await store.preferences.set(workspace.tenantId, person.id, {
      timeZone: p.timeZone,
      locale: p.locale,
      workingHours: { rules: p.workingHours, overrides: [] },
    });
    people.push({ ...p, id: person.id, person });
  }
  return { tenantId: workspace.tenantId, workspaceId: workspace.id, config, people };
}

/** All time, for "every booking of the demo". */
const ALL_TIME = { start: 0, end: Date.UTC(9999, 0, 1) };

/** Cancels every active booking of the demo people; returns how many. */
export async function resetDemo(store: Pick<Repositories, 'bookings'>, world: DemoWorld): Promise<number> {
  const ids = new Set<string>();
  for (const p of world.people) {
    for (const b of await store.bookings.listForPerson(world.tenantId, p.id, ALL_TIME)) ids.add(b.id);
  }
  let cancelled = 0;
  for (const id of ids) if (await store.bookings.cancel(world.tenantId, id)) cancelled++;
  return cancelled;
}
