/**
 * The parser says what is wrong as codes and parameters (src/core/parse); the app words them from the
 * `parse` catalogue domain, in the issue's own language.
 */
import { describe, expect, it } from 'vitest';
import { parseMessage, parseText, precheckRequest } from '../../../src/app/request/parse.ts';
import { parseRequest } from '../../../src/core/parse/index.ts';

const NOW = Date.UTC(2026, 10, 23, 10);

describe('parser messages', () => {
  it('the core returns a code, parameters and the language; no sentence', () => {
    const r = parseRequest('@ana 30m yesterday', { now: NOW, zone: 'Europe/Paris', locale: 'en' });
    expect(r.ok).toBe(false);
    const e = !r.ok ? r.errors[0]! : null;
    expect(e).toMatchObject({ code: 'window_in_past', locale: 'en', params: { text: 'yesterday' } });
    expect(e && 'message' in e).toBe(false);
    expect(parseMessage(e!)).toEqual({ key: 'parse.windowInPast', params: { text: 'yesterday' } });
    expect(parseText(e!)).toBe(
      '"yesterday" is already over; pick a time from now on, like tomorrow or next week.',
    );
  });

  it('words in the reply language, whatever the request’s', () => {
    const r = parseRequest('tomorrow 3pm', { now: NOW, zone: 'UTC', locale: 'en', replyLocale: 'fr' });
    expect(!r.ok && parseText(r.errors[0]!)).toBe(
      "Je n'ai trouvé personne à inviter — mentionnez des personnes comme @ana.",
    );
  });

  it('"25h" is a clock time in French, a duration in English', () => {
    const fr = parseRequest('@ana 25h demain', { now: NOW, zone: 'Europe/Paris', locale: 'fr' });
    const en = parseRequest('@ana 25h tomorrow', { now: NOW, zone: 'Europe/Paris', locale: 'en' });
    expect(!fr.ok && parseText(fr.errors[0]!)).toContain('pour une heure de début, écrivez « à 25h »');
    expect(!en.ok && parseText(en.errors[0]!)).toBe(
      '"25h" is longer than the 8-hour maximum; say a shorter duration, like 1h.',
    );
  });

  it('asks which zone an abbreviation means, listing the options', () => {
    const r = parseRequest('@ana tomorrow 3pm IST', { now: NOW, zone: 'UTC', locale: 'fr' });
    const q = r.ok ? r.request.questions?.[0] : r.partial.questions?.[0];
    expect(q && parseText(q)).toMatch(
      /^Quel fuseau horaire voulez-vous dire par « IST » : Asia\/Kolkata, .+ \?$/,
    );
  });

  it('the surfaces’ precheck refuses before any platform call, worded', () => {
    const many = Array.from({ length: 3 }, (_, i) => `<@U${String(i).padStart(3, '0')}A>`).join(' ');
    const refused = precheckRequest(many, { locale: 'en', maxParticipants: 2 });
    expect(refused).toMatchObject({ code: 'too_many_participants', locale: 'en' });
    expect(refused?.message).toBe(
      'That request names 3 people; I can schedule up to 2 at once, so invite fewer people or a team.',
    );
    expect(precheckRequest('@ana demain', { locale: 'fr', maxParticipants: 2 })).toBeNull();
  });
});
