/** Reading `/meet status`, `/meet settings name:value…`, link/unlink and the upcoming-meeting words typed as text. */
import { describe, expect, it } from 'vitest';
import { readAccountCommand, readSettingsOptions } from '../../src/app/account-command.ts';

describe('readAccountCommand', () => {
  it('knows each command word and its language; a shared word has none; anything else is not a command', () => {
    expect(readAccountCommand('/meet statut')).toEqual({ kind: 'status', locale: 'fr', rest: '' });
    // `status` is English and German.
    expect(readAccountCommand('status')).toEqual({ kind: 'status', locale: null, rest: '' });
    expect(readAccountCommand('  /meet Einstellungen hours:08:00-16:00')).toEqual({
      kind: 'settings',
      locale: 'de',
      rest: 'hours:08:00-16:00',
    });
    expect(readAccountCommand('/meet replanifier')?.kind).toBe('reschedule');
    expect(readAccountCommand('/meet absagen')).toMatchObject({ kind: 'cancel', locale: 'de' });
    expect(readAccountCommand('/meet @ana 30m status review')).toBeUndefined();
    expect(readAccountCommand('/meet')).toBeUndefined();
  });

  it('reads link and unlink in every language, with what follows unlink', () => {
    expect(readAccountCommand('/meet link')).toEqual({ kind: 'link', locale: 'en', rest: '' });
    expect(readAccountCommand('/meet relier')).toMatchObject({ kind: 'link', locale: 'fr' });
    expect(readAccountCommand('/meet verknüpfen')).toMatchObject({ kind: 'link', locale: 'de' });
    expect(readAccountCommand('/meet unlink ics')).toEqual({ kind: 'unlink', locale: 'en', rest: 'ics' });
    expect(readAccountCommand('/meet délier tout')).toEqual({ kind: 'unlink', locale: 'fr', rest: 'tout' });
    expect(readAccountCommand('/meet trennen')).toMatchObject({ kind: 'unlink', locale: 'de' });
    expect(readAccountCommand('/meet @ana link review 30m')).toBeUndefined();
  });
});

describe('readSettingsOptions', () => {
  it('reads name:value and "name: value", yes/no in every language', () => {
    expect(
      readSettingsOptions('zone: Europe/Paris hours:09:00-17:00 language:fr tentative-free:oui'),
    ).toEqual({
      ok: true,
      change: { timeZone: 'Europe/Paris', hours: '09:00-17:00', language: 'fr', tentativeFree: true },
      hours: '09:00-17:00',
    });
    expect(readSettingsOptions('tentative-free: nein')).toEqual({
      ok: true,
      change: { tentativeFree: false },
    });
  });

  it('refuses nothing, a bare word, an unknown option, an empty value, a bad yes/no and an overlong text', () => {
    const code = (rest: string) => {
      const read = readSettingsOptions(rest);
      return read.ok ? 'ok' : read.message.key;
    };
    expect(code('')).toBe('commands.settings.usage');
    expect(code('Europe/Paris')).toBe('commands.settings.usage');
    expect(code('colour:blue')).toBe('commands.settings.unknownOption');
    expect(code('zone:')).toBe('commands.settings.usage');
    expect(code('zone: hours:09:00-17:00')).toBe('commands.settings.usage');
    expect(code('tentative-free:maybe')).toBe('commands.settings.yesNo');
    expect(code(Array.from({ length: 17 }, () => 'zone:UTC').join(' '))).toBe('commands.settings.usage');
    expect(code(Array.from({ length: 16 }, () => 'zone:UTC').join(' '))).toBe('ok');
  });
});
