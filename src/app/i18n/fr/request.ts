import type { request as en } from '../en/request.ts';
import type { Messages } from '../types.ts';

export const request: Messages<typeof en> = {
  'request.unparseable': '{issues}',
  'request.question.pick': '{question} Choisissez ci-dessous.',
  'request.question.rephrase': '{questions} Reformulez avec le fuseau voulu (par exemple {example}).',
  'request.question.rephraseSeries': '{questions} Reformulez avec la série voulue (par exemple {example}).',
  'request.unknownRequester':
    "Je ne vous trouve pas dans cet espace : réessayez depuis l'espace où Convene est installé.",
  'request.tooManyParticipants':
    'Cette demande réunit {count} personnes ; je peux en réunir {max} au plus à la fois : invitez moins de monde ou une équipe plus petite.',
  'request.invalidSettings': 'Les préférences sont invalides ({error}) ; corrigez-les puis réessayez.',
  'request.invalidSettingsOf':
    'Les préférences de {name} sont invalides ({error}) ; corrigez-les puis réessayez.',
  'request.unsupportedMention':
    'Je ne sais pas encore inviter un groupe ({mentions}) : mentionnez les personnes une par une.',
  'request.unknownParticipants':
    "Je ne connais pas {names} : vérifiez l'orthographe, ou demandez-leur d'utiliser Convene une première fois.",
  'request.ambiguousParticipants':
    'Plusieurs personnes correspondent à {names} : mentionnez-les avec la mention du chat (@ puis choisir dans la liste).',
  'request.oneTeam': 'Une seule équipe par demande ({teams}) : faites une demande par équipe.',
  'request.teamEmpty':
    "L'équipe {team} n'a aucun membre disponible (membres en pause ou équipe vide) : un administrateur peut en ajouter avec /meet équipe ajouter {team} @membre.",
  'request.unrecognised': "Je n'ai pas compris : {words}.",
  'request.quoted': '« {text} »',
  'request.defaultTitle': 'Réunion',
  'request.roundRobinTeam': "l'équipe {team} (tournant)",
  'request.noSlot': 'Aucun créneau de {duration} ne convient ({when}) : {why}',
  'request.noSlotWith': 'Aucun créneau de {duration} ne convient avec {names} ({when}) : {why}',
  'request.noSlot.noCommonTime':
    "les heures de travail de chacun et la période demandée n'ont aucun moment en commun",
  'request.noSlot.busyAlways':
    '{names} {count, plural, one {est occupé·e} other {sont occupés}} à chaque moment possible',
  'request.noSlot.busyAtTimes':
    '{names} {count, plural, one {est occupé·e} other {sont occupés}} aux moments possibles',
  'request.noSlot.shorter': '{reason}. Au plus proche : une réunion de {duration} tiendrait ({at}).',
  'request.noSlot.optional': '{reason}. Au plus proche : rendre {name} facultatif donnerait {at}.',
  'request.noSlot.week': '{reason}. Au plus proche : une semaine de plus donnerait {at}.',
  'request.noSlot.widen':
    '{reason} ; élargissez la période, raccourcissez la réunion ou invitez moins de monde.',
  'request.unlinked':
    "{names} {count, plural, one {n'a} other {n'ont}} pas d'agenda relié : un lien pour le relier {count, plural, one {lui} other {leur}} est envoyé en message privé.",
  'request.gap.notLinked':
    "{name} n'a pas encore relié d'agenda : les propositions supposent que {name} est libre.",
  'request.gap.reauthRequired':
    "L'agenda de {name} doit être relié à nouveau : les propositions supposent que {name} est libre.",
  'request.gap.unreadable':
    "L'agenda de {name} n'a pas pu être lu : les propositions supposent que {name} est libre.",
  'request.headline':
    '{count, plural, one {# proposition} other {# propositions}} pour « {title} » ({duration}) avec {names}',
  'request.slot.free': '{total, plural, =1 {libre} =2 {les 2 sont libres} other {les # sont libres}}',
  'request.slot.someFree': '{free} sur {total} libres',
  'request.slot.outside': ', hors des heures confortables pour {names}',
  'request.slot.optionalBusy':
    '{count, plural, one {, {names} (facultatif) occupé} other {, {names} (facultatif) occupés}}',
  'request.understood.except': 'sauf {days}',
  'request.understood.zone': 'heure de {city}',
  'request.answer.notFound': "Cette question n'existe plus : refaites la demande avec /meet.",
  'request.answer.notRequester': 'Seule la personne qui a fait cette demande peut répondre à cette question.',
  'request.answer.expired': 'Cette question a expiré : refaites la demande avec /meet.',
  'request.answer.answered': 'Il a déjà été répondu à cette question.',
  'request.answer.invalidChoice': "Cette réponse ne fait pas partie des choix : choisissez l'un des boutons.",
  'request.more.unknownProposal': "Cette proposition n'existe plus : refaites la demande avec /meet.",
  'request.more.notAllowed':
    "Seuls l'organisateur et les participants de cette réunion peuvent demander d'autres horaires.",
  'request.more.closed': 'Cette proposition est close.',
  'request.more.organiserGone':
    "L'organisateur de cette réunion n'est plus là : refaites la demande avec /meet.",
  // Une demande récurrente : chaque proposition vérifiée sur toute la série (src/app/series.ts).
  'request.series.allFree':
    '{total, plural, =1 {libre à son unique date} other {libre pour les # {day, select, mon {lundis} tue {mardis} wed {mercredis} thu {jeudis} fri {vendredis} sat {samedis} sun {dimanches} other {occurrences}}}}',
  'request.series.someFree':
    'libre pour {free} {day, select, mon {lundis} tue {mardis} wed {mercredis} thu {jeudis} fri {vendredis} sat {samedis} sun {dimanches} other {occurrences}} sur {total} ; {conflicts}',
  'request.series.busyOn':
    '{name} n’est pas disponible {count, plural, one {le {dates}} other {les {dates}}}',
  'request.series.outsideOn':
    '{name} est hors de ses heures de travail {count, plural, one {le {dates}} other {les {dates}}}',
  'request.series.moreDates': '{count, plural, one {# autre} other {# autres}}',
  'request.series.morePeople':
    '{count, plural, one {# autre personne a des conflits} other {# autres personnes ont des conflits}}',
  'request.series.separator': ' ; ',
  'request.series.cut':
    'Cette série continue après le {date} : je n’ai vérifié que ses dates jusque-là ({count, plural, one {# occurrence} other {# occurrences}} ; une recherche ne regarde pas plus de {days} jours à l’avance).',
  // Une équipe tournante réglée « chacun son tour » par date : un membre anime toute la série (et pourquoi).
  'request.series.rotationTurns':
    'L’équipe « {team} » tourne date par date, dans cet ordre à partir de la première date : {names}. Chaque membre n’est vérifié que sur ses propres dates.',
  'request.series.rotationFixed':
    'L’équipe « {team} » tourne date par date, mais {reason, select, several_days_per_period {une série sur plusieurs jours par période ne se répartit pas en tours} month_day_not_every_month {une série mensuelle le 29, le 30 ou le 31 ne se répartit pas en tours} days_left_out {une série avec des dates exclues ne se répartit pas en tours} other {moins de deux membres peuvent prendre leur tour}} : le membre indiqué anime toutes les dates.',
};
