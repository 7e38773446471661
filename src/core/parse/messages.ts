/**
 * Parser messages are codes with parameters (`ParseIssue`, `ParseQuestion`): the core says what is wrong
 * and in which language to say it; the wording lives in the app's catalogues (domain `parse`,
 * `src/app/i18n/<locale>/parse.ts`, worded by `src/app/request/parse.ts`).
 */
import type { Locale, ParseErrorCode, ParseIssue, ParseMessageParams, ParseWarningCode } from './types.ts';

export type MessageParams = ParseMessageParams;

/** An issue in `locale` with its parameters; `params.text`, when given, is also the issue's `text`. */
export function issueOf<C extends ParseErrorCode | ParseWarningCode>(
  code: C,
  locale: Locale,
  params: MessageParams = {},
): ParseIssue<C> {
  return { code, locale, params, ...(params.text === undefined ? {} : { text: params.text }) };
}
