/** Why a round-robin member was picked: worded per language from the core's code, or read as stored. */
import { describe, expect, it } from 'vitest';
import { explanationText } from '../../../src/app/teams/explanation.ts';
import type { Explanation } from '../../../src/core/rotation.ts';

const params = { name: 'Li', period: 'week', count: 1, target: '2', gap: '1', priority: 3 } as const;

describe('explanationText', () => {
  it('words each code in each language', () => {
    const priority: Explanation = { code: 'priority', params };
    expect(explanationText('en', priority)).toBe('Li: tied on fairness this week, higher priority (3)');
    expect(explanationText('fr', priority)).toBe(
      "Li : à égalité d'équité cette semaine, priorité plus haute (3)",
    );
    expect(explanationText('de', priority)).toBe('Li: gleich fair diese Woche, höhere Priorität (3)');
    expect(explanationText('fr', { code: 'alone', params: { ...params, count: 2 } })).toBe(
      "Li : seul membre de l'équipe libre (2 réservés, objectif 2 cette semaine)",
    );
    expect(explanationText('de', { code: 'nobody', params })).toBe(
      'Kein aktives Teammitglied ist für diesen Termin frei.',
    );
  });

  it('reads picks stored worded by earlier versions, English when the language is missing', () => {
    const stored = { en: 'Li: 2 below target this month', fr: "Li : 2 sous l'objectif ce mois-ci" };
    expect(explanationText('fr', stored)).toBe("Li : 2 sous l'objectif ce mois-ci");
    expect(explanationText('de', stored)).toBe('Li: 2 below target this month');
  });
});
