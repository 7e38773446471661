/**
 * Every language has every key of the English catalogue, no other key, and the same parameters in each
 * message; every message is valid ICU MessageFormat, and every plural or select has an `other` branch.
 */
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, LOCALES, list, msg, render, t } from '../../../src/app/i18n/index.ts';

type Args = Map<string, string>;

function collect(elements: readonly MessageFormatElement[], into: Args, problems: string[]): Args {
  for (const el of elements) {
    switch (el.type) {
      case TYPE.argument:
        into.set(el.value, into.get(el.value) ?? 'argument');
        break;
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        into.set(el.value, TYPE[el.type]);
        break;
      case TYPE.plural:
      case TYPE.select:
        into.set(el.value, TYPE[el.type]);
        if (!('other' in el.options)) problems.push(`'${el.value}' has no 'other' branch`);
        for (const option of Object.values(el.options)) collect(option.value, into, problems);
        break;
      case TYPE.tag:
        collect(el.children, into, problems);
        break;
      default:
        break;
    }
  }
  return into;
}

function argsOf(source: string): { args: Args; problems: string[] } {
  const problems: string[] = [];
  const args = collect(parse(source, { ignoreTag: true }), new Map(), problems);
  return { args, problems };
}

const english = CATALOGUES.en;
const keys = Object.keys(english).sort();

describe('message catalogues', () => {
  it('English has messages, each key named domain.name', () => {
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/);
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s has exactly the English keys', (locale) => {
    expect(Object.keys(CATALOGUES[locale]).sort()).toEqual(keys);
  });

  it.each(LOCALES)('%s: every message parses, with the same parameters as English', (locale) => {
    const mismatches: string[] = [];
    for (const key of keys) {
      const source = CATALOGUES[locale][key as keyof typeof english];
      let mine: ReturnType<typeof argsOf>;
      try {
        mine = argsOf(source);
      } catch (error) {
        mismatches.push(`${key}: does not parse (${(error as Error).message})`);
        continue;
      }
      for (const p of mine.problems) mismatches.push(`${key}: ${p}`);
      const reference = argsOf(english[key as keyof typeof english]).args;
      const a = [...mine.args.keys()].sort().join(',');
      const b = [...reference.keys()].sort().join(',');
      if (a !== b) mismatches.push(`${key}: parameters {${a}} ≠ English {${b}}`);
    }
    expect(mismatches).toEqual([]);
  });

  // A language that copies English wholesale is not translated. Short identical messages ("{count} min",
  // "Teams:") and proper names are fine, so the bar is a share, not zero.
  it.each(LOCALES.filter((l) => l !== 'en'))('%s does not reuse English wording wholesale', (locale) => {
    const identical = keys.filter(
      (key) => CATALOGUES[locale][key as keyof typeof english] === english[key as keyof typeof english],
    );
    const share = identical.length / keys.length;
    expect(
      share <= 0.1 ? [] : identical,
      `${identical.length}/${keys.length} messages identical to English`,
    ).toEqual([]);
  });
});

describe('t / render', () => {
  it('fills parameters and applies each language’s plural rules', () => {
    expect(t('en', 'common.lastSynced.days', { count: 1 })).toBe('last synced 1 day ago');
    expect(t('en', 'common.lastSynced.days', { count: 3 })).toBe('last synced 3 days ago');
    expect(t('fr', 'common.lastSynced.days', { count: 1 })).toBe('dernière synchro il y a 1 jour');
    // CLDR French: 0 and 1 are 'one'.
    expect(t('fr', 'common.lastSynced.days', { count: 0 })).toBe('dernière synchro il y a 0 jour');
    // CLDR German: only 1 is 'one' (dative plural "Tagen").
    expect(t('de', 'common.lastSynced.days', { count: 1 })).toBe('zuletzt synchronisiert vor 1 Tag');
    expect(t('de', 'common.lastSynced.days', { count: 0 })).toBe('zuletzt synchronisiert vor 0 Tagen');
  });

  it('words nested messages in the same language', () => {
    const inner = msg('common.lastSynced.minutes', { count: 5 });
    expect(render('fr', inner)).toBe('dernière synchro il y a 5 min');
  });

  it('lists follow each language', () => {
    expect(list('en', ['Ana', 'Li', 'Bo'])).toBe('Ana, Li and Bo');
    expect(list('fr', ['Ana', 'Li', 'Bo'])).toBe('Ana, Li et Bo');
    expect(list('de', ['Ana', 'Li', 'Bo'])).toBe('Ana, Li und Bo');
  });
});
