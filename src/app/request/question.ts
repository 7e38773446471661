/**
 * Questions: something only the requester can settle (`3pm IST`: India, Ireland or Israel? `bimonthly`:
 * every two months or twice a month?) is asked, never guessed. The request is kept with its first question so a button (ids only) can answer it.
 */
import { DateTime } from 'luxon';
import type { ParseQuestion } from '../../core/parse/index.ts';
import type { PendingQuestionRepository } from '../ports/store.ts';
import { readingLabel } from '../series.ts';
import { type Locale, zoneCity } from '../views.ts';
import type { PendingAsk, RequestMeetingInput } from './types.ts';
import { MAX_QUESTION_OPTIONS, QUESTION_TTL_MS } from './types.ts';

/** Keeps the request and its first question for the requester's answer; null when it cannot be kept. */
export async function keepQuestion(
  questions: Pick<PendingQuestionRepository, 'create'>,
  input: RequestMeetingInput,
  question: ParseQuestion,
): Promise<PendingAsk | null> {
  const options = question.options.slice(0, MAX_QUESTION_OPTIONS);
  if (options.length === 0) return null;
  const kept = await questions.create({
    tenantId: input.tenantId,
    workspaceId: input.workspaceId,
    requesterId: input.requesterPersonId,
    text: input.text,
    zone: input.zone,
    locale: input.locale ?? null,
    replyLocale: input.replyLocale ?? null,
    message: input.message ?? { channelId: '', messageId: null },
    code: question.code,
    questionText: question.text,
    options,
    expiresAt: input.now + QUESTION_TTL_MS,
  });
  if (!kept) return null;
  return {
    id: kept.id,
    expiresAt: kept.expiresAt,
    choices: options.map((value, index) => ({
      index,
      value,
      label: choiceLabel(question.code, value, input.now, input.replyLocale ?? question.locale),
    })),
  };
}

/** A question's answer in words: a zone (`Kolkata (UTC+05:30)`) or a series (`every 2 months`). */
export function choiceLabel(code: string, option: string, now: number, locale: Locale): string {
  return code === 'ambiguous_recurrence' ? readingLabel(option, locale) : zoneChoiceLabel(option, now);
}

/** `Kolkata (UTC+05:30)`: the zone's city and its offset now. */
export function zoneChoiceLabel(zone: string, now: number): string {
  const at = DateTime.fromMillis(now, { zone });
  return at.isValid ? `${zoneCity(zone)} (UTC${at.toFormat('ZZ')})` : zoneCity(zone);
}
