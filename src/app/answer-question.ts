/**
 * Use case: the requester answers a question Convene asked instead of guessing (`needs_answer`, e.g. which
 * zone `IST` means). A button carries only the question's id and the choice's index: the request text is
 * read back from the store (tenant-scoped) and run again through `requestMeeting` with the answer applied
 * (`answers`), never rewritten. Only the requester may answer, once, before the question expires.
 */
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

const REFUSALS: Record<AnswerRefusalCode, Record<Locale, string>> = {
  not_found: {
    en: 'This question no longer exists: ask again with /meet.',
    fr: "Cette question n'existe plus : refaites la demande avec /meet.",
    de: 'Diese Frage gibt es nicht mehr: stelle die Anfrage mit /meet erneut.',
  },
  not_requester: {
    en: 'Only the person who made this request can answer this question.',
    fr: 'Seule la personne qui a fait cette demande peut répondre à cette question.',
    de: 'Nur die Person, die diese Anfrage gestellt hat, kann diese Frage beantworten.',
  },
  expired: {
    en: 'This question has expired: ask again with /meet.',
    fr: 'Cette question a expiré : refaites la demande avec /meet.',
    de: 'Diese Frage ist abgelaufen: stelle die Anfrage mit /meet erneut.',
  },
  answered: {
    en: 'This question has already been answered.',
    fr: 'Il a déjà été répondu à cette question.',
    de: 'Diese Frage wurde bereits beantwortet.',
  },
  invalid_choice: {
    en: 'This answer is not one of the choices: pick one of the buttons.',
    fr: "Cette réponse ne fait pas partie des choix : choisissez l'un des boutons.",
    de: 'Diese Antwort gehört nicht zu den Auswahlmöglichkeiten: wähle einen der Knöpfe.',
  },
};

export async function answerQuestion(
  deps: AnswerQuestionDeps,
  input: AnswerQuestionInput,
): Promise<AnswerQuestionResult> {
  const question = await deps.questions.get(input.tenantId, input.questionId);
  const locale = question?.replyLocale ?? question?.locale ?? input.locale;
  const refuse = (code: AnswerRefusalCode): AnswerQuestionResult => ({
    ok: false,
    refused: { code, message: REFUSALS[code][code === 'not_requester' ? input.locale : locale] },
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
    answers: question.code === 'ambiguous_zone' ? { zone: answer } : {},
  });
  return { ok: true, question, result };
}
