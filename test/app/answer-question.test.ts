import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/app/answer-question.ts';
import type { Person } from '../../src/app/ports/store.ts';
import { QUESTION_TTL_MS, requestMeeting } from '../../src/app/request-meeting.ts';
import { FakeBusyReader, MemoryStore, TENANT, WORKSPACE } from './request-meeting.fakes.ts';

// Monday 23 November 2026, 09:00 in London. "tomorrow" is Tuesday 24 November.
const NOW = Date.UTC(2026, 10, 23, 9, 0);
const LONDON = 'Europe/London';

let store: MemoryStore;
let busy: FakeBusyReader;
let ana: Person;
let li: Person;

beforeEach(() => {
  store = new MemoryStore();
  busy = new FakeBusyReader();
  ana = store.addPerson({ name: 'Ana', handle: 'ana', timeZone: LONDON });
  li = store.addPerson({ name: 'Li', handle: 'li', timeZone: LONDON });
});

const deps = () => ({ store, busy, directory: store.directory, questions: store.questions });
const ask = (text: string, replyLocale?: 'en' | 'fr') =>
  requestMeeting(deps(), {
    tenantId: TENANT,
    workspaceId: WORKSPACE,
    requesterPersonId: ana.id,
    text,
    now: NOW,
    zone: LONDON,
    ...(replyLocale ? { replyLocale } : {}),
    message: { channelId: 'C1', messageId: null },
  });

async function pendingId(text: string): Promise<string> {
  const asked = await ask(text);
  if (asked.ok || !asked.error.pending) throw new Error('expected a kept question');
  return asked.error.pending.id;
}

describe('answerQuestion', () => {
  it('keeps an ambiguous request, then proposes in the zone the requester picks', async () => {
    const asked = await ask('/meet @li 30m tomorrow 3pm IST');
    expect(asked.ok).toBe(false);
    if (asked.ok) return;
    expect(asked.error.code).toBe('needs_answer');
    expect(asked.error.message).toBe(
      'Which time zone do you mean by "IST": Asia/Kolkata, Europe/Dublin, Asia/Jerusalem? Pick one below.',
    );
    const pending = asked.error.pending!;
    expect(pending.choices.map((c) => c.value)).toEqual(['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem']);
    expect(pending.choices[0]!.label).toBe('Kolkata (UTC+05:30)');
    expect(pending.expiresAt).toBe(NOW + QUESTION_TTL_MS);
    const kept = store.questionRows.get(pending.id)!;
    expect(kept).toMatchObject({ text: '/meet @li 30m tomorrow 3pm IST', requesterId: ana.id, zone: LONDON });
    expect(kept.message.channelId).toBe('C1');

    const answered = await answerQuestion(deps(), {
      tenantId: TENANT,
      questionId: pending.id,
      choice: 0,
      actorPersonId: ana.id,
      now: NOW + 60_000,
      locale: 'en',
    });
    if (!answered.ok || !answered.result.ok) throw new Error(JSON.stringify(answered));
    const first = DateTime.fromMillis(answered.result.view.slots[0]!.start, { zone: 'Asia/Kolkata' });
    expect(first.toFormat('yyyy-MM-dd HH:mm')).toBe('2026-11-24 15:00');
    // The text was not rewritten: the stored request is the one typed.
    expect(store.questionRows.get(pending.id)!.text).toBe('/meet @li 30m tomorrow 3pm IST');

    // Picking Dublin instead gives 15:00 in Dublin.
    const again = await answerQuestion(deps(), {
      tenantId: TENANT,
      questionId: await pendingId('/meet @li 30m tomorrow 3pm IST'),
      choice: 1,
      actorPersonId: ana.id,
      now: NOW + 60_000,
      locale: 'en',
    });
    if (!again.ok || !again.result.ok) throw new Error(JSON.stringify(again));
    expect(
      DateTime.fromMillis(again.result.view.slots[0]!.start, { zone: 'Europe/Dublin' }).toFormat('HH:mm'),
    ).toBe('15:00');
  });

  it('asks which series "bimonthly" means, then proposes the series the requester picks', async () => {
    const asked = await ask('/meet @li 30m bimonthly');
    if (asked.ok) throw new Error('expected a question');
    expect(asked.error.code).toBe('needs_answer');
    expect(asked.error.message).toBe(
      'How often do you mean by "bimonthly": every other month or every other week? Pick one below.',
    );
    const pending = asked.error.pending!;
    expect(pending.choices.map((c) => [c.value, c.label])).toEqual([
      ['FREQ=MONTHLY;INTERVAL=2', 'every other month'],
      ['FREQ=WEEKLY;INTERVAL=2', 'every other week'],
    ]);
    expect(store.questionRows.get(pending.id)).toMatchObject({
      code: 'ambiguous_recurrence',
      questionText: 'bimonthly',
    });

    const answered = await answerQuestion(deps(), {
      tenantId: TENANT,
      questionId: pending.id,
      choice: 1,
      actorPersonId: ana.id,
      now: NOW + 60_000,
      locale: 'en',
    });
    if (!answered.ok || !answered.result.ok) throw new Error(JSON.stringify(answered));
    const kept = [...store.requestRows.values()].at(-1)!;
    expect(kept.criteria?.recurrence).toMatchObject({ freq: 'WEEKLY', interval: 2 });
    expect(kept.criteria?.recurrence?.byDay).toBeUndefined();
  });

  it('asks whether a French "le lundi" is every Monday or once; "once" proposes one meeting on the next Monday', async () => {
    const asked = await ask('/meet @li 30m réunion le lundi à 10h', 'fr');
    if (asked.ok) throw new Error('expected a question');
    const pending = asked.error.pending!;
    expect(pending.choices.map((c) => [c.value, c.label])).toEqual([
      ['FREQ=WEEKLY;BYDAY=MO', 'chaque lundi'],
      ['ONCE', 'une seule fois'],
    ]);
    const once = await answerQuestion(deps(), {
      tenantId: TENANT,
      questionId: pending.id,
      choice: 1,
      actorPersonId: ana.id,
      now: NOW + 60_000,
      locale: 'fr',
    });
    if (!once.ok || !once.result.ok) throw new Error(JSON.stringify(once));
    const kept = [...store.requestRows.values()].at(-1)!;
    expect(kept.criteria?.recurrence).toBeUndefined();
    // Monday 30 November (today, Monday 23, is not "le lundi": the next one), 10:00 London.
    expect(DateTime.fromMillis(once.result.view.slots[0]!.start, { zone: LONDON }).toISO()).toBe(
      '2026-11-30T10:00:00.000+00:00',
    );
  });

  it('refuses another person, a second answer, an unknown choice and an expired question', async () => {
    const id = await pendingId('/meet @li 30m tomorrow 3pm IST');
    const answer = (over: Partial<Parameters<typeof answerQuestion>[1]>) =>
      answerQuestion(deps(), {
        tenantId: TENANT,
        questionId: id,
        choice: 0,
        actorPersonId: ana.id,
        now: NOW + 60_000,
        locale: 'en',
        ...over,
      });
    expect(await answer({ actorPersonId: li.id })).toEqual({
      ok: false,
      refused: {
        code: 'not_requester',
        message: 'Only the person who made this request can answer this question.',
      },
    });
    expect(await answer({ choice: 7 })).toMatchObject({ ok: false, refused: { code: 'invalid_choice' } });
    expect(await answer({ now: NOW + QUESTION_TTL_MS })).toMatchObject({
      ok: false,
      refused: { code: 'expired', message: 'This question has expired: ask again with /meet.' },
    });
    expect(await answer({ tenantId: '00000000-0000-4000-8000-000000000002' })).toMatchObject({
      ok: false,
      refused: { code: 'not_found' },
    });
    // Li's refusal did not use the question up: Ana answers once, then never again.
    const first = await answer({});
    expect(first.ok && first.result.ok).toBe(true);
    expect(await answer({})).toMatchObject({
      ok: false,
      refused: { code: 'answered', message: 'This question has already been answered.' },
    });
  });

  it('asks in the requester’s language, refuses someone else in theirs', async () => {
    const asked = await ask('/meet @li 30m tomorrow 3pm IST', 'fr');
    if (asked.ok || !asked.error.pending) throw new Error('expected a kept question');
    expect(asked.error.message).toBe(
      'Quel fuseau horaire voulez-vous dire par « IST » : Asia/Kolkata, Europe/Dublin, Asia/Jerusalem ? Choisissez ci-dessous.',
    );
    const refused = await answerQuestion(deps(), {
      tenantId: TENANT,
      questionId: asked.error.pending.id,
      choice: 0,
      actorPersonId: li.id,
      now: NOW,
      locale: 'fr',
    });
    expect(refused).toMatchObject({
      ok: false,
      refused: { message: 'Seule la personne qui a fait cette demande peut répondre à cette question.' },
    });
    // Expired: in the question's language, whatever the button says.
    const late = await answerQuestion(deps(), {
      tenantId: TENANT,
      questionId: asked.error.pending.id,
      choice: 0,
      actorPersonId: ana.id,
      now: NOW + QUESTION_TTL_MS,
      locale: 'en',
    });
    expect(late).toMatchObject({
      ok: false,
      refused: { message: 'Cette question a expiré : refaites la demande avec /meet.' },
    });
  });
});
