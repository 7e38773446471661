import type { booking as en } from '../en/booking.ts';
import type { Messages } from '../types.ts';

export const booking: Messages<typeof en> = {
  'booking.error.unknownProposal': "Cette proposition n'existe plus : refaites la demande avec /meet.",
  'booking.error.notAllowed':
    "Seuls l'organisateur et les participants de cette réunion peuvent en choisir l'horaire.",
  'booking.error.unknownSlot':
    'Ce créneau ne fait pas partie de la proposition : choisissez un des boutons affichés.',
  'booking.error.proposalAccepted': 'Un autre horaire a déjà été réservé à partir de cette proposition.',
  'booking.error.proposalExpired':
    'Cette proposition a expiré : refaites la demande avec /meet pour des horaires à jour.',
  'booking.error.slotTaken': 'Ce créneau vient d’être pris : choisissez un des créneaux restants.',
  'booking.error.slotTakenNoneLeft':
    'Ce créneau vient d’être pris et aucun autre créneau proposé n’est encore libre : refaites la demande avec /meet.',
  'booking.error.calendarRefused':
    "Non réservé : un agenda a refusé l'événement, la réunion a donc été annulée et tout le monde a été prévenu. Refaites la demande avec /meet.",
  'booking.slot.stillFree': 'toujours libre pour les {count}',
  'booking.headline.booked': 'Réservé : « {title} », {when}, avec {names}.',
  'booking.headline.alreadyBooked': 'Déjà réservé : « {title} », {when}, avec {names}.',
  // Une série (./series.ts) : « Réservé : « 1:1 », un mardi sur deux, 6 fois, à partir du … »
  'booking.headline.bookedSeries': 'Réservé : « {title} », {series}, à partir de {when}, avec {names}.',
  'booking.headline.alreadyBookedSeries':
    'Déjà réservé : « {title} », {series}, à partir de {when}, avec {names}.',
  'booking.series.daily':
    '{interval, plural, =1 {tous les jours} =2 {un jour sur deux} other {tous les # jours}}',
  'booking.series.weekly':
    '{interval, plural, =1 {chaque {days}} =2 {un {days} sur deux} other {toutes les # semaines le {days}}}',
  'booking.series.monthly':
    '{interval, plural, =1 {tous les mois} =2 {un mois sur deux} other {tous les # mois}}',
  'booking.series.monthlyOn':
    'le {rank, select, 1 {premier} 2 {deuxième} 3 {troisième} 4 {quatrième} other {dernier}} {days} {interval, plural, =1 {de chaque mois} =2 {d’un mois sur deux} other {tous les # mois}}',
  'booking.series.everyWeeks':
    '{interval, plural, =1 {toutes les semaines} =2 {une semaine sur deux} other {toutes les # semaines}}',
  // Plusieurs rangs, ou un rang que monthlyOn ne dit pas : « le deuxième et le quatrième mardi de chaque mois ».
  'booking.series.monthlyOnRanks':
    '{ranks} {days} {interval, plural, =1 {de chaque mois} =2 {d’un mois sur deux} other {tous les # mois}}',
  // Des rangs différents selon le jour : « le premier lundi et le troisième mercredi de chaque mois ».
  'booking.series.monthlyOnPairs':
    '{pairs} {interval, plural, =1 {de chaque mois} =2 {d’un mois sur deux} other {tous les # mois}}',
  // Un jour rangé de monthlyOnPairs : {rank} est un booking.series.rank (« le premier »), {day} un jour.
  'booking.series.rankedDay': '{rank} {day}',
  'booking.series.rank':
    '{rank, select, first {le premier} second {le deuxième} third {le troisième} fourth {le quatrième} fifth {le cinquième} penultimate {l’avant-dernier} other {le dernier}}',
  'booking.series.withCount': '{pattern}, {count, plural, one {# fois} other {# fois}}',
  'booking.series.withUntil': '{pattern}, jusqu’au {date}',
  'booking.series.withExcept': '{pattern}, sauf {dates}{more, plural, =0 {} other { et # autres}}',
  'booking.series.once': 'une seule fois',
  'booking.calendar.readOnly': 'agenda en lecture seule : la réunion est gardée dans Convene',
  'booking.calendar.noWriteCalendar':
    'gardée dans Convene, agenda en lecture seule : aucun des agendas reliés n’accepte de nouveaux événements',
  'booking.calendar.notLinked': "pas d'agenda relié : la réunion est gardée dans Convene",
  'booking.calendar.willRetry': "l'agenda n'a pas pu être mis à jour : nouvel essai automatique",
  'booking.calendar.addIcs': 'Ajouter à l’agenda (.ics)',
  'booking.error.unknownBooking': "Cette réunion n'existe plus.",
  'booking.error.notAllowedToChange':
    "Seuls l'organisateur et les participants de cette réunion peuvent la modifier.",
  'booking.error.alreadyCancelled': 'Cette réunion est déjà annulée.',
  'booking.error.timeInPast': 'Le nouvel horaire doit être dans le futur.',
  'booking.error.sameTime': 'La réunion est déjà à cet horaire.',
  'booking.error.timeNotFree': "Cet horaire n'est pas libre pour tout le monde : choisissez-en un autre.",
  'booking.error.invalidTime': "Cet horaire n'est pas valide.",
  // Une série dont la première date a commencé ne se déplace pas en entier (rescheduleBooking, rescheduleOptions).
  'booking.error.seriesBegun':
    'Cette série a déjà commencé : déplacez une date, ou une date et les suivantes.',
  // Une série sur des jours fixes déplacée en entier un autre jour (rescheduleBooking) : ses jours resteraient.
  'booking.error.seriesDay':
    'Une série ne se déplace en entier qu’à une autre heure de son premier jour : pour changer ses jours, annulez-la et réservez-en une nouvelle ou, une fois commencée, déplacez une date et les suivantes.',
  'booking.error.noOtherTime':
    'Aucun autre horaire ne convient à tous dans les deux semaines : gardez celui-ci ou annulez.',
  'booking.cancelled.dm': "{who} a annulé « {title} » ({when}). L'événement est retiré de votre agenda.",
  'booking.cancelled.thread': '{who} a annulé cette réunion ({when}).',
  'booking.cancelled.headline': 'Annulé : « {title} », {when}.',
  'booking.moved.dm': '{who} a déplacé « {title} » : {when} (au lieu de {was}). Votre agenda est mis à jour.',
  'booking.moved.thread': '{who} a déplacé cette réunion : {when} (au lieu de {was}).',
  'booking.moved.headline': 'Déplacé : « {title} », {when}.',
  'booking.rescheduleOptions.headline': 'Nouveaux horaires pour « {title} » (actuellement {now}) :',
  'booking.outbox.staleEvent':
    "« {title} » a lieu {when}, mais l'agenda de {name} n'a pas pu être mis à jour et montre encore l'ancien horaire.",
  'booking.outbox.notBooked':
    "« {title} » ({when}) n'est PAS réservé : l'agenda de {name} a refusé l'événement. Les événements déjà écrits sont supprimés ; refaites la demande avec /meet.",
  // Une série avec des conflits sur des dates suivantes (la revérification du clic, src/app/book-meeting.ts).
  'booking.error.seriesConflict':
    'Depuis la proposition, la série a {count, plural, one {un conflit} other {des conflits}} : {conflicts}. Réservez quand même, ou choisissez un autre horaire.',
  'booking.seriesConflicts':
    'Réservé quand même, avec {count, plural, one {# date en conflit} other {# dates en conflit}} : {conflicts}.',
  // « Réserver et déplacer les dates en conflit » (créneau `<n>-move`) : les dates déplacées, et celles qui restent.
  'booking.seriesMoved':
    '{count, plural, one {# date en conflit déplacée} other {# dates en conflit déplacées}} : {moves}.',
  'booking.seriesMove': '{was} au {when}',
  'booking.seriesStayed':
    '{count, plural, one {# date reste inchangée} other {# dates restent inchangées}}, faute d’horaire libre pour tous à {days, plural, one {un jour} other {# jours}} près : {conflicts}.',
  // Une équipe à tour de rôle par occurrence : qui anime quelles dates (src/app/series-turns.ts).
  'booking.turns.line': 'Tours : {turns}.',
  'booking.turns.member': '{name} le {dates}',
  'booking.turns.separator': ' ; ',
  'booking.turns.moreDates': '{count, plural, one {# autre} other {# autres}}',
  'booking.turns.onwards': 'ainsi de suite',
};
