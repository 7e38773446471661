/**
 * A one-shot command's own time zone, read from the process's local time instead of `Intl`.
 *
 * Luxon's `IANAZone` asks an `Intl.DateTimeFormat` for every offset, and so does its `isValidZone`; the first
 * `Intl.DateTimeFormat` of a process costs 12–16 ms (V8 builds ICU's list of the locales it can format, once
 * per process: `Intl.DateTimeFormat.supportedLocalesOf` alone costs the same), a sixth of `convene parse`'s
 * run. With `TZ` set to the zone, `Date#getTimezoneOffset` reads the same ICU time-zone data for about
 * 0.1 ms. So `convene parse`, which runs alone in its process and has one zone of its own (`--tz`), installs
 * that zone here before it parses:
 *
 * - `TZ` is set to the zone (Node resets V8's local-time cache when it is set);
 * - luxon's `IANAZone.create(zone)` returns a zone whose offsets are `Date`'s, every other name luxon's own;
 * - `IANAZone.isValidZone` answers from `Intl.supportedValuesOf('timeZone')` (about 2 ms, no formatter) and
 *   asks luxon only for a name that list lacks (aliases such as `Asia/Kolkata`, lower case);
 * - luxon's default locale is `en-US`, which it would otherwise read from a formatter for every `DateTime`
 *   (the parser formats nothing with it: its output is ISO text and numbers).
 *
 * Each of these changes the whole process, so only a command that owns its process calls this
 * (`CliIo.ownsProcess`); tests that run a command in their own process do not. test/cli/process-zone.test.ts
 * compares the offsets with luxon's for every zone, and the parser's output for every phrase of the tables.
 */
import {
  FixedOffsetZone,
  IANAZone,
  Settings,
  Zone,
  type ZoneOffsetFormat,
  type ZoneOffsetOptions,
} from 'luxon';

/** Zone names every `Intl` accepts, without asking a formatter. */
function knownZones(): Set<string> {
  return new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC', 'GMT', 'Etc/GMT']);
}

/** An IANA zone whose offsets come from the process's local time (`TZ` is its name). */
export class ProcessZone extends Zone {
  readonly #name: string;
  readonly #iana: () => Zone;

  /** `iana`: luxon's own zone of the same name, for what `Date` cannot say (the zone's names for people). */
  constructor(name: string, iana: () => Zone) {
    super();
    this.#name = name;
    this.#iana = iana;
  }
  override get type(): string {
    return 'iana';
  }
  override get name(): string {
    return this.#name;
  }
  get ianaName(): string {
    return this.#name;
  }
  override get isUniversal(): boolean {
    return false;
  }
  override get isValid(): boolean {
    return true;
  }
  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.#iana().offsetName(ts, options);
  }
  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return FixedOffsetZone.instance(this.offset(ts)).formatOffset(ts, format);
  }
  /**
   * Minutes east of UTC at `ts`, as luxon's zone computes them: from the local date and time to the second
   * (`getTimezoneOffset` drops the seconds of the old offsets that have them, Monrovia's -0:44:30 until 1972).
   */
  override offset(ts: number): number {
    const date = new Date(ts);
    if (Number.isNaN(date.getTime())) return Number.NaN;
    const local = new Date(0);
    // setUTCFullYear, not Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
    local.setUTCFullYear(date.getFullYear(), date.getMonth(), date.getDate());
    local.setUTCHours(date.getHours(), date.getMinutes(), date.getSeconds(), 0);
    const second = ts - (((ts % 1000) + 1000) % 1000);
    return (local.getTime() - second) / 60_000;
  }
  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.#name;
  }
}

/**
 * Makes `zone` the process's time zone for luxon, as the file's comment says; false (and nothing changed)
 * when `zone` is not in the runtime's list of zone names, which luxon then checks as it always does.
 */
export function useProcessZone(zone: string): boolean {
  const known = knownZones();
  if (!known.has(zone)) return false;
  const create = IANAZone.create.bind(IANAZone);
  const isValidZone = IANAZone.isValidZone.bind(IANAZone);
  const own = new ProcessZone(zone, () => create(zone));
  process.env.TZ = zone;
  Settings.defaultLocale = 'en-US';
  // Static methods replaced on the class: luxon's own calls (`normalizeZone`, the ISO parser) go through
  // the class object, so they meet these.
  const patched = IANAZone as unknown as {
    create: (name: string) => Zone;
    isValidZone: (name: string) => boolean;
  };
  patched.create = (name) => (name === zone ? own : create(name));
  patched.isValidZone = (name) => known.has(name) || isValidZone(name);
  return true;
}
