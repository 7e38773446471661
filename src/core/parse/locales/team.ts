/**
 * The words of `/meet team …` in every language, one table per language (`./<tag>/team.ts`). Words are
 * stored folded (lower case, accents removed: `équipe` → `equipe`); a command may mix languages' verbs,
 * its head word (`team`, `équipe`, `gruppe`) decides the language of the reply. A new language adds its folder's
 * `team.ts` and one line here.
 */
import type { Locale } from '../../locale.ts';
import type { FairnessPeriod } from '../../rotation.ts';
import type { SeriesRotation, TeamCommandOp, TeamMode } from '../../rotation-command.ts';
import { teamWords as de } from './de/team.ts';
import { teamWords as en } from './en/team.ts';
import { teamWords as fr } from './fr/team.ts';

export interface TeamWords {
  /** The head word that makes the text a team command, in this language (`team`, `teams`). */
  readonly heads: readonly string[];
  /** Sub-command verbs. */
  readonly ops: Readonly<Record<string, TeamCommandOp>>;
  readonly modes: Readonly<Record<string, TeamMode>>;
  readonly windows: Readonly<Record<string, FairnessPeriod>>;
  /** `team series <team> fixed|rotate`: one member for a whole series, or turns per occurrence. */
  readonly series: Readonly<Record<string, SeriesRotation>>;
  /** What may precede the date of `pause … [until YYYY-MM-DD]` (a bare date is always accepted). */
  readonly until: readonly string[];
}

export const TEAM_WORDS: Readonly<Record<Locale, TeamWords>> = { en, fr, de };
