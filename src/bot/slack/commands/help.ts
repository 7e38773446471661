/** `/meet help`: what Convene understands, in Slack's syntax and the request's language. */
import { helpText as surfaceHelp } from '../../../app/help.ts';
import type { Locale } from '../../../app/views.ts';

export function helpText(locale: Locale): string {
  return surfaceHelp('slack', locale);
}
