/**
 * The parser's issues and questions worded (domain `parse`): `src/core/parse` returns codes, parameters
 * and the language to answer in; the sentences live in the catalogues. Used by the request use case,
 * the chat surfaces' prechecks and `convene parse` (whose JSON `message` fields are these texts).
 */
import type {
  ParseErrorCode,
  ParseIssue,
  ParseQuestion,
  ParseWarningCode,
  ParseWording,
} from '../../core/parse/index.ts';
import { precheckRequest as precheck } from '../../core/parse/index.ts';
import type { Msg } from '../i18n/index.ts';
import { list, msg, render } from '../i18n/index.ts';
import { readingLabel } from '../series.ts';
import { dayLabel } from '../views.ts';

/** An issue or a question as a catalogue message (key and parameters). */
export function parseMessage(item: ParseIssue | ParseQuestion): Msg {
  if ('options' in item) {
    if (item.code === 'ambiguous_recurrence')
      return msg('parse.ambiguousRecurrence', {
        text: item.text,
        options: list(
          item.locale,
          item.options.map((o) => readingLabel(o, item.locale)),
          'disjunction',
        ),
      });
    return msg('parse.ambiguousZone', { text: item.quoted ?? item.text, options: item.options.join(', ') });
  }
  const p = (item as ParseIssue).params;
  const text = p.text ?? '';
  // A local day the parser gives as `YYYY-MM-DD` (a series' end), worded for people: "Thu 25 Feb".
  const dateLabel = (iso: string) =>
    /^\d{4}-\d\d-\d\d$/.test(iso) ? dayLabel(Date.parse(`${iso}T12:00:00Z`), 'UTC', item.locale) : iso;
  const max = p.max ?? 0;
  switch (item.code as ParseErrorCode | ParseWarningCode) {
    case 'empty_request':
      return msg('parse.emptyRequest');
    case 'text_too_long':
      return msg('parse.textTooLong', { length: p.length ?? 0, max });
    case 'invalid_context':
      return p.variant === 'now' ? msg('parse.invalidNow') : msg('parse.invalidZone', { zone: p.zone ?? '' });
    case 'no_participants':
      return msg('parse.noParticipants');
    case 'invalid_duration':
      return p.variant === 'several'
        ? msg('parse.severalDurations', { list: (p.list ?? []).join(', ') })
        : msg('parse.invalidDuration', { text });
    case 'duration_too_long':
      return msg(p.variant === 'clock' ? 'parse.durationTooLongClock' : 'parse.durationTooLong', {
        text,
        max,
      });
    case 'window_in_past':
      return msg('parse.windowInPast', { text });
    case 'contradictory_window':
      return msg('parse.contradictoryWindow', { text });
    case 'window_too_far':
      return msg('parse.windowTooFar', { text, max });
    case 'too_many_participants':
      return msg('parse.tooManyParticipants', { count: p.count ?? 0, max });
    case 'broadcast_mention_ignored':
      return msg('parse.broadcastMentionIgnored', { text });
    case 'extra_title_ignored':
      return msg('parse.extraTitleIgnored', { text });
    case 'window_widened':
      return msg('parse.windowWidened', { text });
    case 'series_end_implied':
      return msg('parse.seriesEndImplied', { text, until: dateLabel(p.until ?? ''), months: p.months ?? 0 });
    case 'series_except_capped':
      return msg('parse.seriesExceptCapped', { count: p.count ?? 0, max });
  }
}

/** An issue or a question worded in its own language (the request's reply language). */
export const parseText: ParseWording = (item) => render(item.locale, parseMessage(item));

/**
 * `precheckRequest` with its refusal worded: the checks that need no clock nor zone, for surfaces to run
 * before any platform call (src/core/parse `precheckRequest`).
 */
export function precheckRequest(
  text: string,
  options: Parameters<typeof precheck>[1] = {},
): (ParseIssue<ParseErrorCode> & { readonly message: string }) | null {
  const refused = precheck(text, options);
  return refused ? { ...refused, message: parseText(refused) } : null;
}
