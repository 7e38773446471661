/** The playground's demo: shipped fictional people and ICS calendars, seeded into Convene's store. */
export { createDemoDirectory, demoEventWriter, withLinkedCalendars } from './calendars.ts';
export type { DemoConfig, DemoPersonConfig } from './config.ts';
export { DEMO_DIR, DemoDataError, loadDemoConfig, readDemoCalendar } from './config.ts';
export type { DemoPerson, DemoWorld } from './seed.ts';
export { DEMO_WORKSPACE_EXTERNAL_ID, DEMO_WORKSPACE_NAME, resetDemo, seedDemo } from './seed.ts';
export type { WeekBlock, WeekView } from './week.ts';
export { personWeek } from './week.ts';
