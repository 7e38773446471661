/**
 * Use case: the requester answers a question Convene asked instead of guessing (`needs_answer`, e.g. which
 * zone `IST` means, which series `bimonthly` means). A button carries only the question's id and the choice's index: the request text is
 * read back from the store (tenant-scoped) and run again through `requestMeeting` with the answer applied
 * (`answers`), never rewritten. Only the requester may answer, once, before the question expires.
 */
import { type MessageKey, t } from './i18n/index.ts';
import type { PendingQuestion, PendingQuestionRepository } from './ports/store.ts';
import type { RequestMeetingDeps, RequestMeetingResult } from './request-meeting.ts';
import { requestMeeting } from './request-meeting.ts';
import type { Locale } from './views.ts';

export interface AnswerQuestionDeps extends RequestMeetingDeps {
  readonly questions: PendingQuestionRepository;
}

export interface AnswerQuestionInput {
  readonly tenantId: string;
  readonly questionId: string;
  /** The index of the chosen answer among the question's options. */
  readonly choice: number;
  /** Who clicked: must be the requester. */
  readonly actorPersonId: string | null;
  readonly now: number;
  /**
   * The clicker's language (the button's when unknown): a refusal to someone else is in it; the other
   * refusals follow the question's language when it can be read.
   */
  readonly locale: Locale;
}

export type AnswerRefusalCode = 'not_found' | 'not_requester' | 'expired' | 'answered' | 'invalid_choice';

export type AnswerQuestionResult =
  | { readonly ok: false; readonly refused: { readonly code: AnswerRefusalCode; readonly message: string } }
  | { readonly ok: true; readonly question: PendingQuestion; readonly result: RequestMeetingResult };

const REFUSALS: Record<AnswerRefusalCode, MessageKey> = {
  not_found: 'request.answer.notFound',
  not_requester: 'request.answer.notRequester',
  expired: 'request.answer.expired',
  answered: 'request.answer.answered',
  invalid_choice: 'request.answer.invalidChoice',
};

export async function answerQuestion(
  deps: AnswerQuestionDeps,
  input: AnswerQuestionInput,
): Promise<AnswerQuestionResult> {
  const question = await deps.questions.get(input.tenantId, input.questionId);
  const locale = question?.replyLocale ?? question?.locale ?? input.locale;
  const refuse = (code: AnswerRefusalCode): AnswerQuestionResult => ({
    ok: false,
    refused: { code, message: t(code === 'not_requester' ? input.locale : locale, REFUSALS[code]) },
  });
  if (!question) return refuse('not_found');
  if (input.actorPersonId !== question.requesterId) return refuse('not_requester');
  if (question.answeredAt !== null) return refuse('answered');
  if (question.expiresAt <= input.now) return refuse('expired');
  const answer = Number.isInteger(input.choice) ? question.options[input.choice] : undefined;
  if (answer === undefined) return refuse('invalid_choice');
  // Once: of two clicks at the same time, one runs the request.
  if (!(await deps.questions.claim(input.tenantId, question.id, input.now))) return refuse('answered');
  const result = await requestMeeting(deps, {
    tenantId: question.tenantId,
    workspaceId: question.workspaceId,
    requesterPersonId: question.requesterId,
    text: question.text,
    now: input.now,
    zone: question.zone,
    ...(question.locale ? { locale: question.locale } : {}),
    ...(question.replyLocale ? { replyLocale: question.replyLocale } : {}),
    message: question.message,
    answers:
      question.code === 'ambiguous_zone'
        ? { zone: answer }
        : question.code === 'ambiguous_recurrence'
          ? { recurrence: answer }
          : {},
  });
  return { ok: true, question, result };
}
