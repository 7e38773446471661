/**
 * Fêtes à date fixe en français (`sauf Noël`, `sauf le jour de l'an`, `sauf la Saint-Sylvestre`). Les fêtes
 * mobiles (`Pâques`, `la Pentecôte`) ne sont dans aucune table : leurs mots restent non lus.
 */
import type { Holiday } from '../holidays.ts';

const DE_L = "(?:de\\s+l['’]\\s*|du\\s+)";

export const holidays: readonly Holiday[] = [
  {
    words: '(?:la\\s+)?veille\\s+de\\s+no[ëe]l|(?:le\\s+)?r[ée]veillon\\s+de\\s+no[ëe]l',
    month: 12,
    day: 24,
  },
  { words: '(?:le\\s+)?jour\\s+de\\s+no[ëe]l|no[ëe]l', month: 12, day: 25 },
  {
    words: `(?:la\\s+)?saint[\\s-]+sylvestre|(?:le\\s+)?r[ée]veillon\\s+(?:du\\s+nouvel\\s+an|de\\s+la\\s+saint[\\s-]+sylvestre)|(?:la\\s+)?veille\\s+du\\s+(?:jour\\s+de\\s+l['’]\\s*an|nouvel\\s+an)`,
    month: 12,
    day: 31,
  },
  {
    words: `(?:le\\s+)?(?:jour|premier|1er)\\s+${DE_L}an|(?:le\\s+)?nouvel\\s+an`,
    month: 1,
    day: 1,
  },
];
