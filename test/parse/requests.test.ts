/**
 * Table-driven behaviour of `parseRequest` in English and French, with a pinned clock
 * (Monday 2026-11-23 10:00 UTC = 11:00 in Paris, 05:00 in New York) and pinned zones.
 * Expected windows are written by hand as local instants.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/app/request/parse.ts';
import { parseRequest, toParseJson, toRRule } from '../../src/core/parse/index.ts';
import type { Locale } from '../../src/core/parse/types.ts';
import { MAX_SERIES_EXCEPT } from '../../src/core/series.ts';

const NOW = '2026-11-23T10:00:00Z';
const PARIS = 'Europe/Paris';
const NEW_YORK = 'America/New_York';

/** The default window (now → now + 7 days), in Paris. */
const IMPLIED_PARIS = ['2026-11-23T11:00:00.000+01:00', '2026-11-30T11:00:00.000+01:00'] as const;

interface Row {
  text: string;
  zone?: string;
  now?: string;
  locale?: Locale;
  expectLocale: Locale;
  participants: [kind: string, id: string][];
  /** minutes, and the text it was read from (omitted = implied 30). */
  duration?: [minutes: number, text: string];
  /** start, end, and the text (omitted text = implied). */
  window: [start: string, end: string, text?: string];
  constraints?: [start: string, end: string, text: string, anyOf?: [string, string][]][];
  /** Excluded windows: start, end, text. */
  excluded?: [start: string, end: string, text: string][];
  title?: string;
  unrecognised?: string[];
}

const ana: [string, string][] = [['name', 'ana']];

const english: Row[] = [
  {
    text: '/meet @ana @li 30m next week "Q3 review"',
    expectLocale: 'en',
    participants: [
      ['name', 'ana'],
      ['name', 'li'],
    ],
    duration: [30, '30m'],
    window: ['2026-11-30T00:00:00.000+01:00', '2026-12-07T00:00:00.000+01:00', 'next week'],
    title: 'Q3 review',
  },
  {
    text: '<@U123ABC> <@U456DEF|li> tomorrow 1h',
    expectLocale: 'en',
    participants: [
      ['slack_user', 'U123ABC'],
      ['slack_user', 'U456DEF'],
    ],
    duration: [60, '1h'],
    window: ['2026-11-24T00:00:00.000+01:00', '2026-11-25T00:00:00.000+01:00', 'tomorrow'],
  },
  {
    text: '<!subteam^S123|@support> @ana 45 minutes this week',
    expectLocale: 'en',
    participants: [
      ['slack_group', 'S123'],
      ['name', 'ana'],
    ],
    duration: [45, '45 minutes'],
    window: ['2026-11-23T11:00:00.000+01:00', '2026-11-30T00:00:00.000+01:00', 'this week'],
  },
  {
    // A bare weekday is the next such day after today (today is a Monday).
    text: '<@123456789012345678> <@!223456789012345678> <@&323456789012345678> monday',
    expectLocale: 'en',
    participants: [
      ['discord_user', '123456789012345678'],
      ['discord_user', '223456789012345678'],
      ['discord_role', '323456789012345678'],
    ],
    window: ['2026-11-30T00:00:00.000+01:00', '2026-12-01T00:00:00.000+01:00', 'monday'],
  },
  {
    text: '@ana this monday',
    expectLocale: 'en',
    participants: ana,
    window: ['2026-11-23T11:00:00.000+01:00', '2026-11-24T00:00:00.000+01:00', 'this monday'],
  },
  {
    text: '@ana between tuesday and thursday',
    expectLocale: 'en',
    participants: ana,
    window: [
      '2026-11-24T00:00:00.000+01:00',
      '2026-11-27T00:00:00.000+01:00',
      'between tuesday and thursday',
    ],
  },
  {
    text: '@ana before friday',
    expectLocale: 'en',
    participants: ana,
    window: ['2026-11-23T11:00:00.000+01:00', '2026-11-27T00:00:00.000+01:00', 'before friday'],
  },
  {
    text: '@ana after 3pm',
    expectLocale: 'en',
    participants: ana,
    window: [...IMPLIED_PARIS],
    constraints: [['15:00', '24:00', 'after 3pm']],
  },
  {
    text: '@ana on the 12th',
    expectLocale: 'en',
    participants: ana,
    window: ['2026-12-12T00:00:00.000+01:00', '2026-12-13T00:00:00.000+01:00', 'on the 12th'],
  },
  {
    text: '@ana in two weeks half an hour',
    expectLocale: 'en',
    participants: ana,
    duration: [30, 'half an hour'],
    window: ['2026-12-07T00:00:00.000+01:00', '2026-12-14T00:00:00.000+01:00', 'in two weeks'],
  },
  {
    text: '@ana an hour mornings only',
    expectLocale: 'en',
    participants: ana,
    duration: [60, 'an hour'],
    window: [...IMPLIED_PARIS],
    constraints: [['09:00', '12:00', 'mornings only']],
  },
  {
    text: '@ana 1h30 tomorrow afternoon',
    expectLocale: 'en',
    participants: ana,
    duration: [90, '1h30'],
    window: ['2026-11-24T00:00:00.000+01:00', '2026-11-25T00:00:00.000+01:00', 'tomorrow'],
    constraints: [['13:00', '17:00', 'afternoon']],
  },
  {
    text: '@ana 1 h 30 friday',
    expectLocale: 'en',
    participants: ana,
    duration: [90, '1 h 30'],
    window: ['2026-11-27T00:00:00.000+01:00', '2026-11-28T00:00:00.000+01:00', 'friday'],
  },
  {
    text: '@ana 1.5h',
    expectLocale: 'en',
    participants: ana,
    duration: [90, '1.5h'],
    window: [...IMPLIED_PARIS],
  },
  {
    text: '@ana 90min evening',
    expectLocale: 'en',
    participants: ana,
    duration: [90, '90min'],
    window: [...IMPLIED_PARIS],
    constraints: [['17:00', '20:00', 'evening']],
  },
  {
    text: '@ana 30 min tomorrow after 3pm',
    expectLocale: 'en',
    participants: ana,
    duration: [30, '30 min'],
    window: ['2026-11-24T00:00:00.000+01:00', '2026-11-25T00:00:00.000+01:00', 'tomorrow'],
    constraints: [['15:00', '24:00', 'after 3pm']],
  },
  {
    // Time first: that day before 11:00, where "before friday 3pm" is a deadline.
    text: '@ana before 11am tomorrow',
    expectLocale: 'en',
    participants: ana,
    window: ['2026-11-24T00:00:00.000+01:00', '2026-11-25T00:00:00.000+01:00', 'before 11am tomorrow'],
    constraints: [['00:00', '11:00', 'before 11am tomorrow']],
  },
  {
    text: '@ana between 2pm and 4pm on wednesday',
    expectLocale: 'en',
    participants: ana,
    window: ['2026-11-25T00:00:00.000+01:00', '2026-11-26T00:00:00.000+01:00', 'on wednesday'],
    constraints: [['14:00', '16:00', 'between 2pm and 4pm']],
  },
  {
    text: '@ana before friday 3pm',
    expectLocale: 'en',
    participants: ana,
    window: ['2026-11-23T11:00:00.000+01:00', '2026-11-27T15:00:00.000+01:00', 'before friday 3pm'],
  },
  {
    text: '@ana from 2pm to 4pm',
    expectLocale: 'en',
    participants: ana,
    window: [...IMPLIED_PARIS],
    constraints: [['14:00', '16:00', 'from 2pm to 4pm']],
  },
  {
    text: '@ana monday until wednesday',
    expectLocale: 'en',
    participants: ana,
    window: ['2026-11-30T00:00:00.000+01:00', '2026-12-03T00:00:00.000+01:00', 'monday until wednesday'],
  },
  {
    text: '@ana tuesday next week',
    expectLocale: 'en',
    participants: ana,
    window: ['2026-12-01T00:00:00.000+01:00', '2026-12-02T00:00:00.000+01:00', 'tuesday next week'],
  },
  {
    text: '@ana this afternoon',
    expectLocale: 'en',
    participants: ana,
    window: ['2026-11-23T11:00:00.000+01:00', '2026-11-24T00:00:00.000+01:00', 'this afternoon'],
    constraints: [['13:00', '17:00', 'this afternoon']],
  },
  {
    text: '@ana an hour and a half',
    expectLocale: 'en',
    participants: ana,
    duration: [90, 'an hour and a half'],
    window: [...IMPLIED_PARIS],
  },
  {
    text: '@ana @ANA <@U1ABC> <@U1ABC|ana> "Sync" with the team',
    expectLocale: 'en',
    participants: [
      ['name', 'ana'],
      ['slack_user', 'U1ABC'],
    ],
    window: [...IMPLIED_PARIS],
    title: 'Sync',
    unrecognised: ['team'],
  },
  {
    text: '@jean-pierre @Élodie @ana_b, @li.',
    expectLocale: 'en',
    participants: [
      ['name', 'jean-pierre'],
      ['name', 'Élodie'],
      ['name', 'ana_b'],
      ['name', 'li'],
    ],
    window: [...IMPLIED_PARIS],
  },
  {
    text: '@ana next month 45 min',
    expectLocale: 'en',
    participants: ana,
    duration: [45, '45 min'],
    window: ['2026-12-01T00:00:00.000+01:00', '2027-01-01T00:00:00.000+01:00', 'next month'],
  },
  {
    text: '@ana tomorrow at noon',
    expectLocale: 'en',
    participants: ana,
    // chrono reads "tomorrow at noon" as one date-time: one span for both.
    window: ['2026-11-24T00:00:00.000+01:00', '2026-11-25T00:00:00.000+01:00', 'tomorrow'],
    constraints: [['12:00', '12:30', 'at noon']],
  },
  {
    text: '@ana a quarter of an hour before noon',
    expectLocale: 'en',
    participants: ana,
    duration: [15, 'a quarter of an hour'],
    window: [...IMPLIED_PARIS],
    constraints: [['00:00', '12:00', 'before noon']],
  },
  {
    text: '@ana within the next 3 days',
    expectLocale: 'en',
    participants: ana,
    window: ['2026-11-23T11:00:00.000+01:00', '2026-11-27T00:00:00.000+01:00', 'within the next 3 days'],
  },
  {
    // Exclusions are not supported: left unread and reported, not used as the window.
    text: '@ana 1h next week except friday',
    expectLocale: 'en',
    participants: ana,
    duration: [60, '1h'],
    window: ['2026-11-30T00:00:00.000+01:00', '2026-12-07T00:00:00.000+01:00', 'next week'],
    excluded: [['2026-12-04T00:00:00.000+01:00', '2026-12-05T00:00:00.000+01:00', 'except friday']],
  },
  {
    // 3 in the morning is not guessed from a bare "at 3".
    text: '@ana at 3',
    expectLocale: 'en',
    participants: ana,
    window: [...IMPLIED_PARIS],
    unrecognised: ['3'],
  },
  {
    text: '@ana friday to tuesday',
    expectLocale: 'en',
    participants: ana,
    window: ['2026-11-27T00:00:00.000+01:00', '2026-12-02T00:00:00.000+01:00', 'friday to tuesday'],
  },
  {
    text: '@ana 30m sometime soon please',
    expectLocale: 'en',
    participants: ana,
    duration: [30, '30m'],
    window: [...IMPLIED_PARIS],
    unrecognised: ['soon'],
  },
  {
    text: '@ana tomorrow',
    zone: NEW_YORK,
    expectLocale: 'en',
    participants: ana,
    window: ['2026-11-24T00:00:00.000-05:00', '2026-11-25T00:00:00.000-05:00', 'tomorrow'],
  },
  {
    text: '@ana next week mornings',
    zone: NEW_YORK,
    expectLocale: 'en',
    participants: ana,
    window: ['2026-11-30T00:00:00.000-05:00', '2026-12-07T00:00:00.000-05:00', 'next week'],
    constraints: [['09:00', '12:00', 'mornings']],
  },
  {
    // 22:30 on Monday in New York is already Tuesday in UTC: "tomorrow" is the local Tuesday.
    text: '@ana tomorrow',
    zone: NEW_YORK,
    now: '2026-11-24T03:30:00Z',
    expectLocale: 'en',
    participants: ana,
    window: ['2026-11-24T00:00:00.000-05:00', '2026-11-25T00:00:00.000-05:00', 'tomorrow'],
  },
  {
    // The week crosses the end of US daylight saving time (1 November 2026).
    text: '@ana this week',
    zone: NEW_YORK,
    now: '2026-10-27T14:00:00Z',
    expectLocale: 'en',
    participants: ana,
    window: ['2026-10-27T10:00:00.000-04:00', '2026-11-02T00:00:00.000-05:00', 'this week'],
  },
  {
    // A 25-hour local day: the end of EU daylight saving time on 25 October 2026.
    text: '@ana sunday',
    now: '2026-10-20T10:00:00Z',
    expectLocale: 'en',
    participants: ana,
    window: ['2026-10-25T00:00:00.000+02:00', '2026-10-26T00:00:00.000+01:00', 'sunday'],
  },
];

const french: Row[] = [
  {
    text: '/meet @ana 45 min mardi prochain après-midi',
    expectLocale: 'fr',
    participants: ana,
    duration: [45, '45 min'],
    window: ['2026-12-01T00:00:00.000+01:00', '2026-12-02T00:00:00.000+01:00', 'mardi prochain'],
    constraints: [['13:00', '17:00', 'après-midi']],
  },
  {
    text: '@ana demain 1 heure',
    expectLocale: 'fr',
    participants: ana,
    duration: [60, '1 heure'],
    window: ['2026-11-24T00:00:00.000+01:00', '2026-11-25T00:00:00.000+01:00', 'demain'],
  },
  {
    text: '@ana une heure la semaine prochaine',
    expectLocale: 'fr',
    participants: ana,
    duration: [60, 'une heure'],
    window: ['2026-11-30T00:00:00.000+01:00', '2026-12-07T00:00:00.000+01:00', 'la semaine prochaine'],
  },
  {
    text: '@ana @li 1h30 « Point hebdo » demain',
    expectLocale: 'fr',
    participants: [
      ['name', 'ana'],
      ['name', 'li'],
    ],
    duration: [90, '1h30'],
    window: ['2026-11-24T00:00:00.000+01:00', '2026-11-25T00:00:00.000+01:00', 'demain'],
    title: 'Point hebdo',
  },
  {
    text: '@ana une demi-heure entre mardi et jeudi',
    expectLocale: 'fr',
    participants: ana,
    duration: [30, 'une demi-heure'],
    window: ['2026-11-24T00:00:00.000+01:00', '2026-11-27T00:00:00.000+01:00', 'entre mardi et jeudi'],
  },
  {
    text: '@ana deux heures avant vendredi',
    expectLocale: 'fr',
    participants: ana,
    duration: [120, 'deux heures'],
    window: ['2026-11-23T11:00:00.000+01:00', '2026-11-27T00:00:00.000+01:00', 'avant vendredi'],
  },
  {
    text: '@ana après 15h',
    expectLocale: 'fr',
    participants: ana,
    window: [...IMPLIED_PARIS],
    constraints: [['15:00', '24:00', 'après 15h']],
  },
  {
    text: '@ana lundi',
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-11-30T00:00:00.000+01:00', '2026-12-01T00:00:00.000+01:00', 'lundi'],
  },
  {
    text: '@ana le matin uniquement',
    expectLocale: 'fr',
    participants: ana,
    window: [...IMPLIED_PARIS],
    constraints: [['09:00', '12:00', 'le matin uniquement']],
  },
  {
    text: '@ana en fin de journée',
    expectLocale: 'fr',
    participants: ana,
    window: [...IMPLIED_PARIS],
    constraints: [['16:00', '18:00', 'en fin de journée']],
  },
  {
    // Time first: that day before 11:00 (compare "before friday 3pm", a deadline).
    text: '@ana avant 11h demain',
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-11-24T00:00:00.000+01:00', '2026-11-25T00:00:00.000+01:00', 'demain'],
    constraints: [['00:00', '11:00', 'avant 11h']],
  },
  {
    // "15h" cannot be a 15-hour meeting: a French clock time.
    text: '@ana demain 15h',
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-11-24T00:00:00.000+01:00', '2026-11-25T00:00:00.000+01:00', 'demain'],
    constraints: [['15:00', '15:30', '15h']],
  },
  {
    text: '@ana dans deux semaines',
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-12-07T00:00:00.000+01:00', '2026-12-14T00:00:00.000+01:00', 'dans deux semaines'],
  },
  {
    text: '@ana dans quinze jours',
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-12-07T00:00:00.000+01:00', '2026-12-14T00:00:00.000+01:00', 'dans quinze jours'],
  },
  {
    text: '@ana cette semaine “Revue Q3”',
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-11-23T11:00:00.000+01:00', '2026-11-30T00:00:00.000+01:00', 'cette semaine'],
    title: 'Revue Q3',
  },
  {
    text: "@ana 'Point' aujourd'hui l'après-midi",
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-11-23T11:00:00.000+01:00', '2026-11-24T00:00:00.000+01:00', "aujourd'hui"],
    constraints: [['13:00', '17:00', "l'après-midi"]],
    title: 'Point',
  },
  {
    text: '@ana avec @li pour une heure et demie',
    expectLocale: 'fr',
    participants: [
      ['name', 'ana'],
      ['name', 'li'],
    ],
    duration: [90, 'une heure et demie'],
    window: [...IMPLIED_PARIS],
  },
  {
    text: '@ana du mardi au jeudi',
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-11-24T00:00:00.000+01:00', '2026-11-27T00:00:00.000+01:00', 'du mardi au jeudi'],
  },
  {
    text: '@ana de 14h à 16h demain',
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-11-24T00:00:00.000+01:00', '2026-11-25T00:00:00.000+01:00', 'demain'],
    constraints: [['14:00', '16:00', 'de 14h à 16h']],
  },
  {
    text: "@ana jusqu'à vendredi",
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-11-23T11:00:00.000+01:00', '2026-11-28T00:00:00.000+01:00', "jusqu'à vendredi"],
  },
  {
    text: '@ana à partir de mercredi',
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-11-25T00:00:00.000+01:00', '2026-12-02T00:00:00.000+01:00', 'à partir de mercredi'],
  },
  {
    text: '@ana le 12',
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-12-12T00:00:00.000+01:00', '2026-12-13T00:00:00.000+01:00', 'le 12'],
  },
  {
    text: "@ana trois quarts d'heure demain matin",
    expectLocale: 'fr',
    participants: ana,
    duration: [45, "trois quarts d'heure"],
    window: ['2026-11-24T00:00:00.000+01:00', '2026-11-25T00:00:00.000+01:00', 'demain'],
    constraints: [['09:00', '12:00', 'matin']],
  },
  {
    text: "@ana un quart d'heure avant midi",
    expectLocale: 'fr',
    participants: ana,
    duration: [15, "un quart d'heure"],
    window: [...IMPLIED_PARIS],
    constraints: [['00:00', '12:00', 'avant midi']],
  },
  {
    text: '@ana mardi de la semaine prochaine',
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-12-01T00:00:00.000+01:00', '2026-12-02T00:00:00.000+01:00', 'mardi la semaine prochaine'],
  },
  {
    text: '@ana dans les 3 prochains jours',
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-11-23T11:00:00.000+01:00', '2026-11-27T00:00:00.000+01:00', 'dans les 3 prochains jours'],
  },
  {
    text: '@ana pas le matin, sauf lundi',
    expectLocale: 'fr',
    participants: ana,
    window: [...IMPLIED_PARIS],
    constraints: [
      [
        '00:00',
        '24:00',
        'pas le matin',
        [
          ['00:00', '09:00'],
          ['12:00', '24:00'],
        ],
      ],
    ],
    excluded: [
      ['2026-11-23T11:00:00.000+01:00', '2026-11-24T00:00:00.000+01:00', 'sauf lundi'],
      ['2026-11-30T00:00:00.000+01:00', '2026-11-30T11:00:00.000+01:00', 'sauf lundi'],
    ],
  },
  {
    text: '@ana ce soir',
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-11-23T11:00:00.000+01:00', '2026-11-24T00:00:00.000+01:00', 'ce soir'],
    constraints: [['17:00', '20:00', 'ce soir']],
  },
  {
    text: '@ana 1h bientôt svp',
    expectLocale: 'fr',
    participants: ana,
    duration: [60, '1h'],
    window: [...IMPLIED_PARIS],
    unrecognised: ['bientôt'],
  },
  {
    text: '@ana demain',
    zone: NEW_YORK,
    expectLocale: 'fr',
    participants: ana,
    window: ['2026-11-24T00:00:00.000-05:00', '2026-11-25T00:00:00.000-05:00', 'demain'],
  },
  {
    // The language is forced: "30 min" alone has no French words.
    text: '@ana 30 min',
    locale: 'fr',
    expectLocale: 'fr',
    participants: ana,
    duration: [30, '30 min'],
    window: [...IMPLIED_PARIS],
  },
];

function check(row: Row) {
  const ctx = Object.freeze({
    now: Date.parse(row.now ?? NOW),
    zone: row.zone ?? PARIS,
    ...(row.locale ? { locale: row.locale } : {}),
  });
  const result = parseRequest(row.text, ctx);
  expect(result.ok, JSON.stringify(result.ok ? result.warnings : result.errors)).toBe(true);
  const json = toParseJson(result, parseText) as { request: Record<string, unknown> };
  const [start, end, windowText] = row.window;
  expect(json.request).toEqual({
    locale: row.expectLocale,
    participants: row.participants.map(([kind, id]) => expect.objectContaining({ kind, id })),
    duration: row.duration
      ? { minutes: row.duration[0], source: 'said', text: row.duration[1] }
      : { minutes: 30, source: 'implied' },
    window: {
      start,
      end,
      zone: row.zone ?? PARIS,
      ...(windowText === undefined ? { source: 'implied' } : { source: 'said', text: windowText }),
    },
    constraints: (row.constraints ?? []).map(([s, e, text, anyOf]) => ({
      kind: 'time_of_day',
      start: s,
      end: e,
      text,
      ...(anyOf ? { anyOf: anyOf.map(([start, end]) => ({ start, end })) } : {}),
    })),
    title:
      row.title === undefined
        ? { value: null, source: 'implied' }
        : { value: row.title, source: 'said', text: expect.stringContaining(row.title) },
    unrecognised: row.unrecognised ?? [],
    ...(row.excluded ? { excluded: row.excluded.map(([start, end, text]) => ({ start, end, text })) } : {}),
  });
}

describe('parseRequest, English', () => {
  it.each(english.map((r) => [r.text, r] as const))('%s', (_text, row) => check(row));
});

describe('parseRequest, French', () => {
  it.each(french.map((r) => [r.text, r] as const))('%s', (_text, row) => check(row));
});

describe('parseRequest details', () => {
  const ctx = Object.freeze({ now: Date.parse(NOW), zone: PARIS });

  it('keeps the raw text of every participant and ids without decoration', () => {
    const result = parseRequest('<@U456DEF|li> <!subteam^S9ZZ|@support> <@!223456789012345678> @ana.', ctx);
    expect(result.ok && result.request.participants).toEqual([
      { kind: 'slack_user', id: 'U456DEF', raw: '<@U456DEF|li>' },
      { kind: 'slack_group', id: 'S9ZZ', raw: '<!subteam^S9ZZ|@support>' },
      { kind: 'discord_user', id: '223456789012345678', raw: '<@!223456789012345678>' },
      { kind: 'name', id: 'ana', raw: '@ana' },
    ]);
  });

  it('does not take an e-mail address or a quoted name for a mention', () => {
    const result = parseRequest('ana@example.com "@bob" @li', ctx);
    expect(result.ok && result.request.participants.map((p) => p.id)).toEqual(['li']);
    expect(result.ok && result.request.unrecognised).toEqual(['ana@example.com']);
  });

  it('warns about broadcasts instead of inviting them', () => {
    const result = parseRequest('@ana <!here> @everyone', ctx);
    expect(result.ok && result.request.participants.map((p) => p.id)).toEqual(['ana']);
    expect(result.warnings.map((w) => [w.code, w.text])).toEqual([
      ['broadcast_mention_ignored', '<!here>'],
      ['broadcast_mention_ignored', '@everyone'],
    ]);
  });

  it('keeps the first title and warns about the others', () => {
    const result = parseRequest('@ana "Budget" «Autre»', ctx);
    expect(result.ok && result.request.title).toEqual({ value: 'Budget', source: 'said', text: '"Budget"' });
    expect(result.warnings.map((w) => [w.code, w.text])).toEqual([['extra_title_ignored', '«Autre»']]);
  });

  it('joins separate days into one window and says so', () => {
    const result = parseRequest('@ana monday and friday', ctx);
    expect(result.ok).toBe(true);
    const json = toParseJson(result, parseText) as { request: { window: { start: string; end: string } } };
    expect([json.request.window.start, json.request.window.end]).toEqual([
      '2026-11-27T00:00:00.000+01:00',
      '2026-12-01T00:00:00.000+01:00',
    ]);
    expect(result.warnings.map((w) => w.code)).toEqual(['window_widened']);
  });

  it('writes its messages in the reply language, whatever the language of the request', () => {
    const result = parseRequest('30m tomorrow 3pm IST', { ...ctx, replyLocale: 'fr' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.partial.locale).toBe('en');
      expect(parseText(result.errors[0]!)).toMatch(/^Je n'ai trouvé personne à inviter/);
      expect(parseText(result.partial.questions![0]!)).toBe(
        'Quel fuseau horaire voulez-vous dire par « IST » : Asia/Kolkata, Europe/Dublin, Asia/Jerusalem ?',
      );
    }
  });

  it('an answer settles an ambiguous zone question: the text is read in the chosen zone', () => {
    const asked = parseRequest('@ana 30m tomorrow 3pm IST', ctx);
    expect(asked.ok && asked.request.questions?.map((q) => q.code)).toEqual(['ambiguous_zone']);
    const result = parseRequest('@ana 30m tomorrow 3pm IST', { ...ctx, answers: { zone: 'Asia/Kolkata' } });
    if (!result.ok) throw new Error('expected a parse');
    expect(result.request.questions).toBeUndefined();
    expect(result.request.timeZone).toEqual({ value: 'Asia/Kolkata', source: 'said', text: 'IST' });
    expect(result.request.window.zone).toBe('Asia/Kolkata');
    // An answer no question offers settles nothing.
    const other = parseRequest('@ana 30m tomorrow 3pm IST', { ...ctx, answers: { zone: 'Europe/Paris' } });
    expect(other.ok && other.request.questions?.length).toBe(1);
  });

  it('reads separate days joined by "or" as alternatives: the days between are excluded', () => {
    const result = parseRequest('@ana monday or friday', ctx);
    expect(result.ok).toBe(true);
    const json = toParseJson(result, parseText) as {
      request: { window: { start: string; end: string }; excluded: { start: string; end: string }[] };
    };
    expect([json.request.window.start, json.request.window.end]).toEqual([
      '2026-11-27T00:00:00.000+01:00',
      '2026-12-01T00:00:00.000+01:00',
    ]);
    expect(json.request.excluded.map((e) => [e.start, e.end])).toEqual([
      ['2026-11-28T00:00:00.000+01:00', '2026-11-30T00:00:00.000+01:00'],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('does not depend on the time zone of the machine', () => {
    const saved = process.env.TZ;
    const run = () => toParseJson(parseRequest('@ana tomorrow after 3pm, or friday 10am', ctx), parseText);
    try {
      process.env.TZ = 'UTC';
      const utc = run();
      process.env.TZ = 'Pacific/Kiritimati';
      const kiritimati = run();
      process.env.TZ = 'America/Los_Angeles';
      expect(run()).toEqual(utc);
      expect(kiritimati).toEqual(utc);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('recurring requests (issue #22)', () => {
  const at = { now: Date.parse('2026-11-25T09:00:00Z'), zone: 'Europe/Paris' };
  it('no longer reports "every" and "other" as unrecognised', () => {
    const result = parseRequest('/meet @ana @li 30m every other tuesday "1:1"', at);
    expect(result.ok && result.request.unrecognised).toEqual([]);
    expect(result.ok && result.request.recurrence?.interval).toBe(2);
  });
  it('takes the default horizon from the context and says so with a code and parameters', () => {
    const result = parseRequest('@ana weekly', { ...at, seriesHorizonMonths: 6 });
    expect(result.ok && result.request.recurrence?.until).toBe('2027-05-25');
    expect(result.warnings).toEqual([
      {
        code: 'series_end_implied',
        locale: 'en',
        params: { text: 'weekly', until: '2027-05-25', months: 6 },
        text: 'weekly',
      },
    ]);
  });
  it('leaves a request without a frequency unchanged: "until March" stays a window bound', () => {
    const result = parseRequest('@ana 30m until friday', at);
    expect(result.ok && result.request.recurrence).toBeUndefined();
    expect(result.ok && result.request.window.source).toBe('said');
  });
  it('keeps a window said alongside the series', () => {
    const result = parseRequest('@ana 30m weekly next week', at);
    expect(result.ok && result.request.window.text).toBe('next week');
    expect(result.ok && result.request.recurrence?.freq).toBe('WEEKLY');
  });
});

describe('a series leaves out at most MAX_SERIES_EXCEPT dates', () => {
  const at = { now: Date.parse('2026-11-25T09:00:00Z'), zone: 'Europe/Paris' };
  /** `n` dates from 1 December 2026, one a day, as `dec 1, dec 2, …`. */
  const dates = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      DateTime.fromISO('2026-12-01', { zone: 'Europe/Paris' }).plus({ days: i }),
    );
  const said = (n: number) => dates(n).map((d) => d.setLocale('en').toFormat('LLL d').toLowerCase());
  const text = (n: number) => `@ana 30m every day until may except ${said(n).join(', ')}`;

  it('keeps the first ones said and warns with how many were said and kept', () => {
    const result = parseRequest(text(60), at);
    expect(result.ok).toBe(true);
    const kept = result.ok ? result.request.recurrence?.except : undefined;
    expect(kept).toEqual(
      dates(MAX_SERIES_EXCEPT)
        .map((d) => d.toISODate())
        // The first occurrence is on the first day not left out: dates before it leave nothing out.
        .filter((d) => d! >= kept![0]!),
    );
    expect(kept!.at(-1)).toBe(dates(MAX_SERIES_EXCEPT).at(-1)!.toISODate());
    expect(result.warnings).toEqual([
      { code: 'series_except_capped', locale: 'en', params: { count: 60, max: MAX_SERIES_EXCEPT } },
    ]);
    expect(result.ok && result.request.unrecognised).toEqual([]);
  });

  it('says nothing when no more than that many were said', () => {
    const result = parseRequest(text(MAX_SERIES_EXCEPT), at);
    expect(result.warnings).toEqual([]);
    expect(result.ok && result.request.recurrence?.except?.at(-1)).toBe(
      dates(MAX_SERIES_EXCEPT).at(-1)!.toISODate(),
    );
  });

  it('is worded in the reply language with both numbers', () => {
    const words = (['en', 'fr', 'de'] as const).map((replyLocale) =>
      parseText(parseRequest(text(60), { ...at, replyLocale }).warnings[0]!),
    );
    for (const w of words) expect(w).toMatch(/\b60\b[\s\S]*\b50\b/);
    expect(new Set(words).size).toBe(3);
  });
});

describe('series_end_implied wording', () => {
  const at = { now: Date.parse('2026-11-25T09:00:00Z'), zone: 'Europe/Paris' };
  it('is worded in the reply language with the end date and the horizon', () => {
    const words = (['en', 'fr', 'de'] as const).map((replyLocale) => {
      const result = parseRequest('@ana 30m every other tuesday', { ...at, replyLocale });
      return parseText(result.warnings[0]!);
    });
    // The end as people write a day, not as the ISO date the parser gives (`params.until`).
    expect(words[0]).toContain('until Thu 25 Feb (3 months)');
    expect(words[1]).toContain('jusqu’au jeu. 25 févr. (3 mois)');
    expect(words[2]).toContain('bis Do. 25 Feb. (3 Monate)');
    for (const w of words) expect(w).not.toContain('2027-02-25');
    expect(new Set(words).size).toBe(3);
  });
});

describe('recurrence phrases with several readings, days left out, bounding windows (issue #22)', () => {
  const at = { now: Date.parse('2026-11-25T09:00:00Z'), zone: 'Europe/Paris' };

  it('asks which series an ambiguous phrase means, and reads the answer', () => {
    const asked = parseRequest('@ana 30m bimonthly for 6 months', at);
    if (!asked.ok) throw new Error('expected a parse');
    expect(asked.request.recurrence).toBeUndefined();
    expect(asked.request.questions).toEqual([
      {
        code: 'ambiguous_recurrence',
        locale: 'en',
        text: 'bimonthly',
        options: ['FREQ=MONTHLY;INTERVAL=2', 'FREQ=WEEKLY;INTERVAL=2'],
      },
    ]);
    // Its end is still read as the series' end, not as a 6-month duration, and nothing is left unread.
    expect(asked.request.unrecognised).toEqual([]);
    expect(asked.request.duration.minutes).toBe(30);

    const answered = parseRequest('@ana 30m bimonthly for 6 months', {
      ...at,
      answers: { recurrence: 'FREQ=WEEKLY;INTERVAL=2' },
    });
    if (!answered.ok) throw new Error('expected a parse');
    expect(answered.request.questions).toBeUndefined();
    expect(answered.request.recurrence).toMatchObject({ freq: 'WEEKLY', interval: 2, until: '2027-05-24' });
    // An answer the question does not offer settles nothing.
    const other = parseRequest('@ana 30m bimonthly', { ...at, answers: { recurrence: 'FREQ=DAILY' } });
    expect(other.ok && other.request.questions?.map((q) => q.code)).toEqual(['ambiguous_recurrence']);
  });

  it('asks whether a French `le lundi` is every Monday or the next one; `once` keeps the one-off reading', () => {
    const text = '@ana 30m réunion le lundi à 10h';
    const asked = parseRequest(text, { ...at, locale: 'fr' });
    if (!asked.ok) throw new Error('expected a parse');
    expect(asked.request.recurrence).toBeUndefined();
    expect(asked.request.questions).toEqual([
      {
        code: 'ambiguous_recurrence',
        locale: 'fr',
        text: 'le lundi',
        options: ['FREQ=WEEKLY;BYDAY=MO', 'ONCE'],
      },
    ]);
    expect(parseText(asked.request.questions![0]!)).toBe(
      'Que voulez-vous dire par « le lundi » : chaque lundi ou une seule fois ?',
    );
    const once = parseRequest(text, { ...at, locale: 'fr', answers: { recurrence: 'ONCE' } });
    if (!once.ok) throw new Error('expected a parse');
    expect(once.request.questions).toBeUndefined();
    expect(once.request.recurrence).toBeUndefined();
    expect(once.request.window.start).toBe(Date.parse('2026-11-29T23:00:00Z'));
    const weekly = parseRequest(text, {
      ...at,
      locale: 'fr',
      answers: { recurrence: 'FREQ=WEEKLY;BYDAY=MO' },
    });
    if (!weekly.ok) throw new Error('expected a parse');
    expect(weekly.request.recurrence).toMatchObject({ freq: 'WEEKLY', byDay: [{ n: 0, weekday: 0 }] });
    // A date, `prochain`, an exclusion or the plural is not asked.
    for (const plain of ['le lundi 30 novembre', 'le lundi prochain', 'sauf le lundi', 'les lundis'])
      expect(parseRequest(`@ana 30m ${plain}`, { ...at, locale: 'fr' })).not.toHaveProperty(
        'request.questions',
      );
  });

  it('reads a series word of another language in a mixed request, and a rank per weekday as one monthly rule', () => {
    const mixed = parseRequest('@ana 30m weekly sync, point mensuel', at);
    if (!mixed.ok) throw new Error('expected a parse');
    expect(mixed.request.locale).toBe('en');
    // Two series said (weekly, monthly): the first is read, the other reported rather than dropped.
    expect(mixed.request.recurrence).toMatchObject({ freq: 'WEEKLY', interval: 1 });
    expect(mixed.request.unrecognised).toContain('mensuel');
    const alone = parseRequest('@ana 30m team sync mensuel', at);
    if (!alone.ok) throw new Error('expected a parse');
    expect(alone.request.locale).toBe('en');
    expect(alone.request.recurrence).toMatchObject({ freq: 'MONTHLY', interval: 1, text: 'mensuel' });
    const mixedRanks = parseRequest('@ana 30m the 1st monday and the 3rd wednesday of the month', at);
    if (!mixedRanks.ok) throw new Error('expected a parse');
    // Each weekday at its own rank (1MO, 3WE), not every rank of every weekday (1MO, 1WE, 3MO, 3WE).
    expect(mixedRanks.request.recurrence).toMatchObject({
      freq: 'MONTHLY',
      interval: 1,
      byDay: [
        { n: 1, weekday: 0 },
        { n: 3, weekday: 2 },
      ],
    });
    expect(mixedRanks.request.recurrence && toRRule(mixedRanks.request.recurrence, 'Europe/Paris')).toMatch(
      /^FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=/u,
    );
    expect(mixedRanks.request.unrecognised ?? []).toEqual([]);
  });

  it('words the question in the reply language, with each reading in words', () => {
    const words = (['en', 'fr', 'de'] as const).map((replyLocale) => {
      const result = parseRequest('@ana 30m twice a week', { ...at, replyLocale });
      if (!result.ok) throw new Error('expected a parse');
      return parseText(result.request.questions![0]!);
    });
    expect(words[0]).toBe(
      'How often do you mean by "twice a week": every Monday and Thursday, every Tuesday and Thursday, every Monday and Wednesday or every Tuesday and Friday?',
    );
    expect(words[1]).toMatch(/^Que voulez-vous dire par « twice a week » : chaque lundi et jeudi, /u);
    expect(words[2]).toMatch(/^Wie oft meinst du mit „twice a week“: jeden Montag und Donnerstag, /u);
  });

  it('leaves the days said out of a daily series or one on named days; otherwise keeps them out of the first date', () => {
    const daily = parseRequest('@ana 30m every day except friday', at);
    expect(daily.ok && daily.request.recurrence?.byDay?.map((d) => d.weekday)).toEqual([0, 1, 2, 3, 5, 6]);
    expect(daily.ok && daily.request.unrecognised).toEqual([]);
    const weekdays = parseRequest('@ana 30m every weekday except wednesday', at);
    expect(weekdays.ok && weekdays.request.recurrence?.byDay?.map((d) => d.weekday)).toEqual([0, 1, 3, 4]);
    // `weekly` has no days to remove: the first occurrence (whose weekday the series keeps) avoids Friday.
    const weekly = parseRequest('@ana 30m weekly except friday', at);
    if (!weekly.ok) throw new Error('expected a parse');
    expect(weekly.request.recurrence?.byDay).toBeUndefined();
    expect(weekly.request.excluded?.map((e) => new Date(e.start).toISOString())).toEqual([
      '2026-11-26T23:00:00.000Z',
    ]);
  });

  it('ends a series at the end of the window said with it, not at the default horizon', () => {
    const result = parseRequest('@ana 30m every tuesday next month', at);
    if (!result.ok) throw new Error('expected a parse');
    expect(result.request.recurrence).toMatchObject({
      until: '2026-12-31',
      end: { source: 'said', text: 'next month' },
    });
    expect(result.warnings.map((w) => w.code)).not.toContain('series_end_implied');
    // A start alone (`starting january 4`) does not end it.
    const started = parseRequest('@ana 30m every other monday starting january 4', at);
    expect(started.ok && started.request.recurrence?.end.source).toBe('implied');
  });

  it('pushes the default end back so that a long period still has a second occurrence, and says so', () => {
    const result = parseRequest('@ana 30m quarterly', at);
    if (!result.ok) throw new Error('expected a parse');
    expect(result.request.recurrence).toMatchObject({ freq: 'MONTHLY', interval: 3, until: '2027-03-25' });
    expect(result.warnings[0]).toMatchObject({ code: 'series_end_implied', params: { months: 4 } });
  });
});

describe('a length said with `for`/`pendant`/`lang`, and holidays left out', () => {
  const at = { now: Date.parse('2026-11-25T09:00:00Z'), zone: 'Europe/Paris' };

  it('reads `for an hour` as the duration and `for 6 weeks` after a series as its end, in each language', () => {
    for (const [text, locale] of [
      ['@ana every tuesday for an hour for 6 weeks', 'en'],
      ['@ana chaque mardi pendant une heure pendant 6 semaines', 'fr'],
      ['@ana jeden Dienstag eine Stunde lang für 6 Wochen', 'de'],
    ] as const) {
      const r = parseRequest(text, { ...at, locale });
      if (!r.ok) throw new Error(`expected a parse: ${text}`);
      expect(r.request.duration).toMatchObject({ minutes: 60, source: 'said' });
      expect(r.request.recurrence).toMatchObject({ freq: 'WEEKLY', until: '2027-01-11' });
      expect(r.request.recurrence?.end).toMatchObject({ source: 'said' });
      expect(r.request.recurrence?.end.source === 'said' && r.request.recurrence.end.text).toMatch(/6/u);
      expect(r.request.unrecognised ?? []).toEqual([]);
    }
    // Without a series, `pendant` before a duration is still read with it, and `in about an hour` is an offset.
    const alone = parseRequest('@ana pendant environ 45 minutes', { ...at, locale: 'fr' });
    expect(alone.ok && [alone.request.duration.minutes, alone.request.unrecognised ?? []]).toEqual([45, []]);
    const offset = parseRequest('@ana 30m in about an hour', at);
    expect(offset.ok && offset.request.window.source).toBe('said');
    expect(offset.ok && offset.request.duration.minutes).toBe(30);
  });

  it('leaves a fixed-date holiday out of a series and out of a window; a movable feast stays unread', () => {
    const series = parseRequest('@ana 30m every friday except christmas and new year’s day', at);
    if (!series.ok) throw new Error('expected a parse');
    expect(series.request.recurrence?.except).toEqual(['2026-12-25', '2027-01-01']);
    expect(series.request.recurrence?.exceptText).toBe('except christmas and new year’s day');
    const window = parseRequest('@ana 30m in december except christmas eve', at);
    if (!window.ok) throw new Error('expected a parse');
    expect(
      window.request.excluded?.map((e) => [new Date(e.start).toISOString(), new Date(e.end).toISOString()]),
    ).toEqual([['2026-12-23T23:00:00.000Z', '2026-12-24T23:00:00.000Z']]);
    const easter = parseRequest('@ana 30m every friday except easter', at);
    expect(easter.ok && easter.request.recurrence?.except).toBeUndefined();
    expect(easter.ok && easter.request.unrecognised).toEqual(['except', 'easter']);
    // Said elsewhere than after an except word, a holiday word is no date.
    const party = parseRequest('@ana 30m christmas party next week', at);
    expect((party.ok && party.request.excluded) ?? []).toEqual([]);
    expect(party.ok && party.request.unrecognised).toContain('christmas');
  });
});
