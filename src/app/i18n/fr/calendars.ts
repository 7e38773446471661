/** Français, domaine `calendars` : plusieurs agendas par personne. Mêmes clés et paramètres que l’anglais. */
import type { calendars as en } from '../en/calendars.ts';
import type { Messages } from '../types.ts';

export const calendars: Messages<typeof en> = {
  'calendars.error.unknownAccount': 'Ce compte n’est pas (ou plus) l’un de vos comptes d’agenda reliés.',
  'calendars.error.unavailable':
    'Les agendas de {account} ne peuvent pas être listés pour le moment : réessayez dans quelques minutes, ou reliez à nouveau le compte si cela continue.',
  'calendars.error.unknownCalendar': '« {name} » n’est pas l’un des agendas de ce compte.',
  'calendars.error.readOnly':
    '« {name} » est en lecture seule : Convene ne peut pas y ajouter de réunion. Choisissez un agenda modifiable pour recevoir les nouvelles réunions.',
  'calendars.error.busyUnreadable':
    '« {name} » ne peut pas compter comme occupé : son fournisseur ne donne les heures occupées que de l’agenda principal.',
  'calendars.error.noBusy':
    'Choisissez au moins un agenda qui compte comme occupé : sinon Convene ne peut pas savoir quand vous êtes libre.',
  'calendars.error.tooMany': 'Au plus {max} agendas d’un compte peuvent être choisis.',
  'calendars.saved':
    'Enregistré pour {account} : {busy, plural, =0 {aucun agenda ne compte} one {# agenda compte} other {# agendas comptent}} comme occupé ; {hasWrite, select, yes {les nouvelles réunions vont dans « {write} »} other {les nouvelles réunions ne vont pas dans ce compte}}.',
  'calendars.movedFrom': '{account} ne reçoit plus les nouvelles réunions.',
  'calendars.hidden':
    '{count, plural, one {# autre agenda n’est pas affiché} other {# autres agendas ne sont pas affichés}} : seuls les {max} premiers d’un compte peuvent être choisis.',
  'calendars.hiddenAccounts':
    '{count, plural, one {# autre compte n’est pas affiché} other {# autres comptes ne sont pas affichés}}.',
  'calendars.listError': 'ses agendas ne peuvent pas être listés pour le moment',
  'calendars.flag.writable': 'modifiable',
  'calendars.flag.readOnly': 'lecture seule',
  'calendars.flag.busy': 'compte comme occupé',
  'calendars.flag.receives': 'reçoit les nouvelles réunions',
  'calendars.flag.busyUnreadable': 'ne peut pas compter comme occupé',
  'calendars.chat.head': 'Vos agendas, par numéro :',
  'calendars.chat.help':
    'Modifiez-les avec `/meet agendas occupé 1.1 1.3` (dans le compte 1, les agendas 1 et 3 comptent comme occupé ; `1.0` : aucun du compte 1), `/meet agendas réunions 1.2` (cet agenda reçoit les nouvelles réunions) et `/meet délier 1` (délie le compte 1).',
  'calendars.chat.none': 'Vous n’avez aucun agenda relié : `/meet lier` en relie un.',
  'calendars.chat.usage':
    'Dites quels agendas : `/meet agendas occupé 1.1 1.3` ou `/meet agendas réunions 1.2`, avec les numéros qu’affiche `/meet agendas`.',
  'calendars.chat.unknownRef':
    '« {ref} » n’est pas un numéro d’agenda de `/meet agendas` (compte.agenda, par exemple 1.2) : rien n’a été modifié.',
  'calendars.words.busy': 'occupé occupe',
  'calendars.words.write': 'réunions reunions écrire ecrire',
  'calendars.page.title': 'Choisissez vos agendas',
  'calendars.page.intro':
    'Cochez les agendas dont les événements vous rendent occupé, et choisissez celui qui reçoit les nouvelles réunions. Vous pourrez le modifier plus tard avec /meet agendas.',
  'calendars.page.busyLegend': 'Comptent comme occupé',
  'calendars.page.writeLegend': 'Reçoit les nouvelles réunions',
  'calendars.page.noWrite': 'Aucun agenda de ce compte',
  'calendars.page.save': 'Enregistrer',
  'calendars.page.savedTitle': 'Agendas enregistrés',
};
