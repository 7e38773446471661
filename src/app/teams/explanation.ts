/**
 * Words why a round-robin member was picked: the core returns a code and parameters (`Explanation`),
 * worded here through the `rotation` catalogue. Picks stored by earlier versions hold the sentence itself,
 * per language (`WordedExplanation`): they are still read, English when stored without that language.
 */
import { type Explanation, isWordedExplanation, type WordedExplanation } from '../../core/rotation.ts';
import { type Locale, t } from '../i18n/index.ts';

export function explanationText(locale: Locale, explanation: Explanation | WordedExplanation): string {
  if (isWordedExplanation(explanation)) return explanation[locale] ?? explanation.en;
  return t(locale, `rotation.${explanation.code}`, explanation.params);
}
