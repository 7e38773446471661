import type { parse as en } from '../en/parse.ts';
import type { Messages } from '../types.ts';

export const parse: Messages<typeof en> = {
  'parse.emptyRequest':
    'Dites-moi qui réunir et quand, par exemple : /meet @ana 30 min mardi prochain « Point Q3 ».',
  'parse.textTooLong': 'Cette demande est trop longue ({length} caractères) ; restez sous {max} caractères.',
  'parse.invalidNow':
    "L'heure courante transmise à l'analyseur n'est pas valide ; c'est un problème de configuration, signalez-le.",
  'parse.invalidZone':
    "Le fuseau horaire « {zone} » n'est pas un fuseau IANA valide ; choisissez-en un comme Europe/Paris.",
  'parse.noParticipants': "Je n'ai trouvé personne à inviter — mentionnez des personnes comme @ana.",
  'parse.severalDurations': "J'ai trouvé plusieurs durées ({list}) ; n'en donnez qu'une, comme 45 min.",
  'parse.invalidDuration':
    "« {text} » n'est pas une durée utilisable ; indiquez la durée de la réunion, comme 30 min ou 1h30.",
  'parse.durationTooLong':
    '« {text} » dépasse la durée maximale de {max} h ; indiquez une durée plus courte, comme 1h.',
  'parse.durationTooLongClock':
    '« {text} » dépasse la durée maximale de {max} h ; pour une heure de début, écrivez « à {text} ».',
  'parse.windowInPast':
    '« {text} » est déjà passé ; choisissez un moment à venir, comme demain ou la semaine prochaine.',
  'parse.contradictoryWindow':
    '« {text} » ne laisse aucun créneau possible ; vérifiez les dates et les heures, par exemple « après 14h avant 17h ».',
  'parse.windowTooFar':
    "Je peux chercher jusqu'à {max} jours à l'avance, et « {text} » va plus loin ; choisissez une période plus proche, comme la semaine prochaine ou le mois prochain.",
  'parse.tooManyParticipants':
    'Cette demande cite {count} personnes ; je peux en réunir {max} au plus à la fois : invitez moins de monde ou une équipe.',
  'parse.broadcastMentionIgnored':
    "J'ai ignoré {text} : invitez directement des personnes ou des groupes, comme @ana.",
  'parse.extraTitleIgnored': "J'ai pris le premier texte entre guillemets comme titre et ignoré {text}.",
  'parse.windowWidened':
    "Vous avez cité des jours séparés ({text}) ; je cherche du premier jusqu'à la fin du dernier.",
  'parse.seriesEndImplied':
    'Vous n’avez pas dit quand « {text} » s’arrête : je la prévois jusqu’au {until} ({months} mois) ; ajoutez une fin comme « pendant 6 semaines » ou « jusqu’en mars » pour changer.',
  'parse.seriesExceptCapped':
    'Vous avez indiqué {count} dates à exclure de la série ; une série en exclut au plus {max}, j’ai donc exclu les {max} premières. Annulez les autres depuis la série une fois réservée, ou terminez-la plus tôt.',
  'parse.ambiguousRecurrence': 'Que voulez-vous dire par « {text} » : {options} ?',
  'parse.ambiguousZone': 'Quel fuseau horaire voulez-vous dire par « {text} » : {options} ?',
};
