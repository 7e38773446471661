/**
 * The shipped demo data (`demo/people.json` + `demo/calendars/*.ics`): four fictional people for the
 * playground. Validated on load so a broken edit of the demo files fails with one clear line.
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { compileWorkingHours } from '../../core/working-hours.ts';
import { isValidTimeZone } from '../../core/zone-offsets.ts';
import type { WorkingHoursRuleData } from '../ports/store.ts';

/** `<repo>/demo`. */
export const DEMO_DIR = resolve(import.meta.dirname, '../../../demo');

export interface DemoPersonConfig {
  /** Lower-case handle, also the chat id suffix and the ICS file stem. */
  readonly key: string;
  readonly name: string;
  readonly timeZone: string;
  readonly locale: string;
  readonly workingHours: readonly WorkingHoursRuleData[];
  /** File name under `demo/calendars/`. */
  readonly calendar: string;
}

export interface DemoConfig {
  readonly dir: string;
  readonly notice: string;
  readonly people: readonly DemoPersonConfig[];
}

export class DemoDataError extends Error {
  readonly code = 'demo_data_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'DemoDataError';
  }
}

export function loadDemoConfig(dir: string = DEMO_DIR): DemoConfig {
  const file = join(dir, 'people.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DemoDataError(
      `Cannot read the demo data ${file}: ${error instanceof Error ? error.message : error}`,
    );
  }
  const bad = (what: string) => new DemoDataError(`${file}: ${what}`);
  const root = raw as { demo?: unknown; notice?: unknown; people?: unknown };
  if (root?.demo !== true) throw bad('"demo": true is missing (this file must be marked as demo data)');
  if (!Array.isArray(root.people) || root.people.length === 0)
    throw bad('"people" must be a non-empty array');
  const seen = new Set<string>();
  const people = root.people.map((p: Partial<DemoPersonConfig>, i: number): DemoPersonConfig => {
    const at = `people[${i}]`;
    if (typeof p.key !== 'string' || !/^[a-z][a-z0-9-]{0,30}$/.test(p.key))
      throw bad(`${at}.key must be a lower-case handle like "ana"`);
    if (seen.has(p.key)) throw bad(`${at}.key "${p.key}" is used twice`);
    seen.add(p.key);
    if (typeof p.name !== 'string' || p.name.trim() === '') throw bad(`${at}.name is missing`);
    if (typeof p.timeZone !== 'string' || !isValidTimeZone(p.timeZone))
      throw bad(`${at}.timeZone must be an IANA zone like "Europe/Paris"`);
    if (typeof p.locale !== 'string') throw bad(`${at}.locale is missing`);
    const hours = compileWorkingHours(p.workingHours ?? []);
    if (!Array.isArray(p.workingHours) || !hours.ok)
      throw bad(`${at}.workingHours: ${hours.ok ? 'must be an array' : hours.error.message}`);
    if (typeof p.calendar !== 'string' || basename(p.calendar) !== p.calendar || !p.calendar.endsWith('.ics'))
      throw bad(`${at}.calendar must be a file name like "ana.ics" in demo/calendars/`);
    return {
      key: p.key,
      name: p.name,
      timeZone: p.timeZone,
      locale: p.locale,
      workingHours: p.workingHours,
      calendar: p.calendar,
    };
  });
  return { dir, notice: typeof root.notice === 'string' ? root.notice : 'DEMO DATA', people };
}

/** The shipped ICS text of a demo calendar, or null for a name that is not one. */
export function readDemoCalendar(config: DemoConfig, file: string): string | null {
  const person = config.people.find((p) => p.calendar === file);
  if (!person) return null;
  return readFileSync(join(config.dir, 'calendars', person.calendar), 'utf8');
}
