import type { account as en } from '../en/account.ts';
import type { Messages } from '../types.ts';

export const account: Messages<typeof en> = {
  'account.label.intlTag': 'fr-FR',
  'account.label.slot': '{day}, {range} (heure de {city})',
  'account.label.possessive': '{sibilant, select, other {{thing} de {name}}}',
  'account.duration.minutes': '{minutes} min',
  'account.duration.hours': '{hours} h',
  'account.duration.hoursMinutes': '{hours} h {minutes}',
  'account.week.working': 'Heures de travail, {when}',
  'account.week.busy': 'Occupé, {when}',

  'account.rateLimited':
    '{scope, select, user {Vous avez envoyé beaucoup de demandes d’un coup : réessayez dans {wait} s.} other {Cet espace de travail a envoyé beaucoup de demandes d’un coup : réessayez dans {wait} s.}}',
  'account.notInstalled':
    "Convene n'est pas installé dans cet espace (ou a été désinstallé) : demandez à un administrateur de le réinstaller.",
  'account.noLongerInstalled': "Convene n'est plus installé ici.",
  'account.unknownAccount': 'Compte inconnu.',
  'account.slackAccountRefused': 'Ce compte Slack ne peut pas utiliser Convene.',
  'account.dmUnknownAction': "Désolé, ce bouton n'est plus pris en charge : rien n'a été fait.",
  'account.dmNotYours':
    'Convene ne sait pas qui vous êtes pour ce message : utilisez /meet dans votre serveur.',
  'account.slack.subcommands':
    'aide lier relier délier delier statut état agendas réglages reglages paramètres parametres équipe equipe équipes equipes annuler replanifier déplacer deplacer',

  'account.preferences.invalidZone':
    "« {zone} » n'est pas un fuseau horaire connu : utilisez un nom IANA comme Europe/Paris ou America/Montreal.",
  'account.preferences.invalidHours':
    "« {hours} » n'est pas une plage horaire : écrivez-la comme 09:00-17:00.",
  'account.preferences.invalidTime': 'Heure attendue, par exemple {example}.',
  'account.preferences.endBeforeStart': 'La fin doit être après le début.',
  'account.preferences.noDays': 'Choisissez au moins un jour.',
  'account.preferences.invalidLanguage':
    '« {language} » n’est pas une langue que Convene parle ({languages}).',
  'account.preferences.nothing':
    'Rien à changer : indiquez `zone`, `langue`, `heures` (par ex. `09:00-17:00`) ou `provisoire-libre`.',
  'account.preferences.notAdmin':
    "Modifier les préférences d'une autre personne demande la permission « Gérer le serveur ».",
  'account.preferences.unknownPerson': "Cette personne n'a pas encore utilisé Convene.",
  'account.preferences.saved': 'Enregistré : {parts}.',
  'account.preferences.tentative':
    '{free, select, yes {événements provisoires comptés libres} other {événements provisoires comptés occupés}}',
  'account.preferences.zoneSaved': 'Fuseau horaire enregistré : **{zone}**.',

  'account.settings.title': 'Réglages Convene',
  'account.settings.save': 'Enregistrer',
  'account.settings.cancel': 'Annuler',
  'account.settings.days': 'Jours travaillés',
  'account.settings.start': 'Début de journée',
  'account.settings.end': 'Fin de journée',
  'account.settings.zone': 'Fuseau horaire (IANA)',
  'account.settings.zoneHint': 'Par exemple Europe/Paris. Remplace le fuseau de Slack.',
  'account.settings.language': 'Langue',
  'account.settings.tentative': 'Événements provisoires',
  'account.settings.tentativeFree': 'Me compter libre pendant mes événements provisoires',
  'account.settings.tentativeHint': 'Sinon, un événement provisoire (« peut-être ») vous rend occupé.',
  'account.settings.openFailed':
    'Slack a refusé d’ouvrir la fenêtre des réglages à temps : cliquez sur le bouton pour l’ouvrir.',
  'account.settings.open': 'Ouvrir les réglages',

  'account.status.slack.none':
    'Aucun agenda relié : tapez `/meet lier` pour en relier un. En attendant, Convene vous suppose libre pendant vos heures de travail.',
  'account.status.slack.head': '*Vos agendas reliés*',
  'account.status.health':
    '{status, select, ok {OK} reauth_required {à relier de nouveau (`/meet lier`)} other {en erreur}}',
  'account.status.zone': 'Fuseau horaire : {zone}',
  'account.status.zoneUnset': 'Fuseau horaire : non défini (utilisez `/meet preferences zone:`)',
  'account.status.language': 'Langue : {language}',
  'account.status.none': 'Agendas : aucun relié (utilisez `/meet relier`).',
  'account.status.calendar': '• {label} ({account}) : {status}',
  'account.status.tentative':
    'Événements provisoires : {free, select, yes {libres} other {occupés}} (à changer avec `/meet preferences provisoire-libre:`)',

  'account.link.pick': 'Choisissez votre agenda (le lien est personnel et expire dans 15 minutes) :',
  'account.link.sentByDm': 'Je vous ai envoyé les liens en message privé.',
  'account.link.dm': 'Je vous ai envoyé un message privé avec un lien pour relier votre {provider}.',
  'account.link.fallback':
    "Je ne peux pas vous envoyer de message privé (vos paramètres de confidentialité l'empêchent) : voici donc votre lien pour relier votre {provider}. Vous seul voyez ce message ; le lien ne sert qu'une fois, pendant 15 minutes.",
  'account.link.dmText':
    "Reliez votre {provider} à Convene : le lien ne sert qu'une fois, pendant 15 minutes. Convene lit seulement vos disponibilités et écrit les réunions que vous réservez.",
  'account.link.button': "Relier l'agenda",
  'account.unlink.none': "Vous n'avez aucun agenda relié.",
  'account.unlink.which':
    'Précisez quel agenda délier : `/meet délier <{choices}|tout>` (reliés : {linked}).',
  'account.unlink.done': 'Agenda délié : {calendars}.',
  'account.unlink.count':
    "{count, plural, =0 {Vous n'avez aucun agenda relié.} one {# agenda délié.} other {# agendas déliés.}}",
  'account.unlink.allWords': 'tout tous',

  'account.upcoming.none': "Vous n'avez aucune réunion Convene à venir.",
  'account.upcoming.cancel': 'Vos prochaines réunions : laquelle annuler ?',
  'account.upcoming.reschedule': 'Vos prochaines réunions : laquelle replanifier ?',

  'account.home.calendars': 'Vos agendas',
  'account.home.noCalendar': 'Aucun agenda relié. Tapez `/meet lier` pour en relier un.',
  'account.home.hours': 'Heures de travail',
  'account.home.defaultHours': 'lun–ven 09:00–17:00 (par défaut)',
  'account.home.tentative':
    '{free, select, yes {Événements provisoires : comptés comme libres} other {Événements provisoires : comptés comme occupés}}',
  'account.home.editSettings': 'Modifier les réglages',
  'account.home.upcoming': 'Réunions à venir',
  'account.home.noUpcoming': 'Aucune réunion réservée avec Convene dans les 30 prochains jours.',
  'account.home.rotations': 'Rotations (admin)',
  'account.home.noRotation': 'Aucune rotation.',
  'account.home.activeMembers': '{count} membres actifs',
};
