/**
 * Optional attendees: said with a marker next to the mention, in English or French. The marker is read
 * (not left in `unrecognised`), only that person becomes optional, and the JSON says so.
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/app/request/parse.ts';
import { parseRequest, toParseJson } from '../../src/core/parse/index.ts';

const ctx = { now: Date.parse('2026-11-23T10:00:00Z'), zone: 'Europe/Paris' };

const rows: { text: string; optional: string[]; required: string[] }[] = [
  { text: '/meet @li @ana? 30m tomorrow', optional: ['ana'], required: ['li'] },
  { text: '/meet @li @ana (optional) 30m tomorrow', optional: ['ana'], required: ['li'] },
  { text: '/meet @li optional @ana 30m tomorrow', optional: ['ana'], required: ['li'] },
  { text: '/meet @li optional: <@U123ABC> 30m tomorrow', optional: ['U123ABC'], required: ['li'] },
  { text: '/meet @li @zoé (facultatif) 30 min demain', optional: ['zoé'], required: ['li'] },
  { text: '/meet @li facultative @zoé 30 min demain', optional: ['zoé'], required: ['li'] },
  { text: '/meet @li @sam (optionnel) @zoé 30 min demain', optional: ['sam'], required: ['li', 'zoé'] },
  { text: '/meet @li @ana 30m tomorrow', optional: [], required: ['li', 'ana'] },
];

describe('optional attendees', () => {
  for (const row of rows) {
    it(row.text, () => {
      const result = parseRequest(row.text, ctx);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const { participants, unrecognised } = result.request;
      expect(participants.filter((p) => p.optional).map((p) => p.id)).toEqual(row.optional);
      expect(participants.filter((p) => !p.optional).map((p) => p.id)).toEqual(row.required);
      expect(unrecognised).toEqual([]);
    });
  }

  it('puts "optional": true in the JSON of optional people only', () => {
    const result = parseRequest('/meet @li @ana? 30m tomorrow', ctx);
    const json = toParseJson(result, parseText) as { request: { participants: Record<string, unknown>[] } };
    expect(json.request.participants).toEqual([
      { kind: 'name', id: 'li', raw: '@li' },
      { kind: 'name', id: 'ana', raw: '@ana', optional: true },
    ]);
  });

  it('an optional person alone is still a participant (the requester is the required one)', () => {
    const result = parseRequest('/meet @ana? 30m tomorrow', ctx);
    expect(result.ok).toBe(true);
  });
});
