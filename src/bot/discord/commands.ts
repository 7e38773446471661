/**
 * The `/meet` application command (chat input) with its subcommands, built with `@discordjs/builders`
 * (validated on `toJSON()`), with French localisations. Discord does not allow top-level options next
 * to subcommands, so the request itself is `/meet new request: … with: …`.
 */
import type { SlashCommandSubcommandBuilder, SlashCommandSubcommandGroupBuilder } from '@discordjs/builders';
import { SlashCommandBuilder } from '@discordjs/builders';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { InteractionContextType } from 'discord-api-types/v10';
import { languageName } from '../../app/preferences.ts';
import { LOCALES } from '../../core/locale.ts';

export const MEET_COMMAND = 'meet';
/** User/role options of `/meet new`: `with`, `with2` … `with5`. */
export const PARTICIPANT_OPTIONS: readonly string[] = ['with', 'with2', 'with3', 'with4', 'with5'];

export function meetCommand(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const builder = new SlashCommandBuilder()
    .setName(MEET_COMMAND)
    .setDescription('Find a time that works for everyone and book it')
    .setDescriptionLocalizations({ fr: 'Trouver un horaire qui convient à tous et le réserver' })
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) => {
      sub
        .setName('new')
        .setNameLocalizations({ fr: 'nouvelle' })
        .setDescription('Propose meeting times (e.g. "30 min next week afternoons")')
        .setDescriptionLocalizations({
          fr: 'Proposer des horaires (ex. « 30 min la semaine prochaine l’après-midi »)',
        })
        .addStringOption((o) =>
          o
            .setName('request')
            .setNameLocalizations({ fr: 'demande' })
            .setDescription('What, how long, when — in English or French; you can @mention people here too')
            .setDescriptionLocalizations({
              fr: 'Quoi, combien de temps, quand ; vous pouvez aussi @mentionner ici',
            })
            .setRequired(true)
            .setMaxLength(1000),
        );
      PARTICIPANT_OPTIONS.forEach((name, i) => {
        sub.addMentionableOption((o) =>
          o
            .setName(name)
            .setNameLocalizations({ fr: i === 0 ? 'avec' : `avec${i + 1}` })
            .setDescription('A person or a role to invite')
            .setDescriptionLocalizations({ fr: 'Une personne ou un rôle à inviter' }),
        );
      });
      return sub;
    })
    .addSubcommand((sub) =>
      sub
        .setName('link')
        .setNameLocalizations({ fr: 'relier' })
        .setDescription('Connect your calendar (link sent by direct message)')
        .setDescriptionLocalizations({ fr: 'Relier votre agenda (lien envoyé en message privé)' })
        .addStringOption((o) =>
          o
            .setName('provider')
            .setNameLocalizations({ fr: 'fournisseur' })
            .setDescription('Calendar provider (default: a page offering every kind this server supports)')
            .setDescriptionLocalizations({
              fr: "Fournisseur d'agenda (par défaut : une page proposant tous les types disponibles)",
            })
            .setRequired(false)
            .addChoices(
              { name: 'Google Calendar', value: 'google' },
              { name: 'Microsoft 365', value: 'microsoft' },
            ),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('unlink')
        .setNameLocalizations({ fr: 'delier' })
        .setDescription('Disconnect your calendars')
        .setDescriptionLocalizations({ fr: 'Délier vos agendas' })
        .addStringOption((o) =>
          o
            .setName('provider')
            .setNameLocalizations({ fr: 'fournisseur' })
            .setDescription('Only this provider (default: all)')
            .setDescriptionLocalizations({ fr: 'Seulement ce fournisseur (par défaut : tous)' })
            .addChoices(
              { name: 'Google Calendar', value: 'google' },
              { name: 'Microsoft 365', value: 'microsoft' },
              { name: 'CalDAV', value: 'caldav' },
              { name: 'ICS', value: 'ics' },
            ),
        )
        .addIntegerOption((o) =>
          o
            .setName('account')
            .setNameLocalizations({ fr: 'compte' })
            .setDescription('Only this account, by its number in /meet calendars')
            .setDescriptionLocalizations({ fr: 'Seulement ce compte, par son numéro dans /meet agendas' })
            .setMinValue(1)
            .setMaxValue(99),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('status')
        .setNameLocalizations({ fr: 'etat' })
        .setDescription('Your time zone, language and calendars as Convene sees them')
        .setDescriptionLocalizations({ fr: 'Votre fuseau, votre langue et vos agendas vus par Convene' }),
    )
    .addSubcommand((sub) =>
      sub
        .setName('calendars')
        .setNameLocalizations({ fr: 'agendas' })
        .setDescription('Your calendars by number: which count as busy, which one receives new meetings')
        .setDescriptionLocalizations({
          fr: 'Vos agendas par numéro : lesquels comptent comme occupé, lequel reçoit les nouvelles réunions',
        })
        .addStringOption((o) =>
          o
            .setName('change')
            .setNameLocalizations({ fr: 'changement' })
            .setDescription('busy 1.1 1.3 (these count as busy) or write 1.2 (receives new meetings)')
            .setDescriptionLocalizations({
              fr: 'occupé 1.1 1.3 (comptent comme occupé) ou réunions 1.2 (reçoit les nouvelles réunions)',
            })
            .setMaxLength(200),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('settings')
        .setNameLocalizations({ fr: 'preferences' })
        .setDescription('Set your time zone, language or working hours')
        .setDescriptionLocalizations({ fr: 'Régler votre fuseau, votre langue ou vos heures de travail' })
        .addStringOption((o) =>
          o
            .setName('zone')
            .setDescription('IANA time zone, e.g. Europe/Paris')
            .setDescriptionLocalizations({ fr: 'Fuseau IANA, par ex. Europe/Paris' })
            .setAutocomplete(true),
        )
        .addStringOption((o) =>
          o
            .setName('language')
            .setNameLocalizations({ fr: 'langue' })
            .setDescription('Language of Convene’s answers')
            .setDescriptionLocalizations({ fr: 'Langue des réponses de Convene' })
            // Every language Convene speaks, each named in its own words.
            .addChoices(...LOCALES.map((l) => ({ name: languageName(l), value: l }))),
        )
        .addStringOption((o) =>
          o
            .setName('hours')
            .setNameLocalizations({ fr: 'heures' })
            .setDescription('Working hours Monday–Friday, e.g. 09:00-17:00')
            .setDescriptionLocalizations({
              fr: 'Heures de travail du lundi au vendredi, par ex. 09:00-17:00',
            }),
        )
        .addBooleanOption((o) =>
          o
            .setName('tentative-free')
            .setNameLocalizations({ fr: 'provisoire-libre' })
            .setDescription('Treat tentative events as free (otherwise they make you busy)')
            .setDescriptionLocalizations({
              fr: 'Compter les événements provisoires comme libres (sinon ils vous rendent occupé)',
            }),
        )
        .addUserOption((o) =>
          o
            .setName('for')
            .setNameLocalizations({ fr: 'pour' })
            .setDescription('Someone else (needs the Manage Server permission)')
            .setDescriptionLocalizations({
              fr: 'Une autre personne (permission « Gérer le serveur » requise)',
            }),
        ),
    )
    .addSubcommandGroup((group) => teamGroup(group))
    .addSubcommand((sub) =>
      sub
        .setName('cancel')
        .setNameLocalizations({ fr: 'annuler' })
        .setDescription('Cancel one of your upcoming meetings')
        .setDescriptionLocalizations({ fr: 'Annuler une de vos prochaines réunions' }),
    )
    .addSubcommand((sub) =>
      sub
        .setName('reschedule')
        .setNameLocalizations({ fr: 'replanifier' })
        .setDescription('Move one of your upcoming meetings to a new time')
        .setDescriptionLocalizations({ fr: 'Déplacer une de vos prochaines réunions' }),
    )
    .addSubcommand((sub) =>
      sub
        .setName('help')
        .setNameLocalizations({ fr: 'aide' })
        .setDescription('How to use Convene')
        .setDescriptionLocalizations({ fr: 'Comment utiliser Convene' }),
    );
  return builder.toJSON();
}

type TeamOption =
  | 'team'
  | 'member'
  | 'name'
  | 'mode'
  | 'window'
  | 'series'
  | 'weight'
  | 'priority'
  | 'value'
  | 'until'
  | 'role';

/** `/meet team …`: the rotation commands (changes need Manage Server; checked by the handler). */
export const TEAM_SUBCOMMANDS: Record<
  string,
  { en: string; fr: string; frName: string; options: readonly [TeamOption, boolean][] }
> = {
  list: { en: 'List the teams', fr: 'Lister les équipes', frName: 'liste', options: [] },
  standings: {
    en: 'Bookings, targets and shortfalls of a team',
    fr: "Réservations, objectifs et écarts d'une équipe",
    frName: 'classement',
    options: [['team', false]],
  },
  create: {
    en: 'Create a team (Manage Server)',
    fr: 'Créer une équipe (Gérer le serveur)',
    frName: 'creer',
    options: [
      ['name', true],
      ['mode', false],
      ['window', false],
    ],
  },
  rename: {
    en: 'Rename a team (Manage Server)',
    fr: 'Renommer une équipe (Gérer le serveur)',
    frName: 'renommer',
    options: [
      ['team', true],
      ['name', true],
    ],
  },
  delete: {
    en: 'Delete a team (Manage Server)',
    fr: 'Supprimer une équipe (Gérer le serveur)',
    frName: 'supprimer',
    options: [['team', true]],
  },
  add: {
    en: 'Add a member (Manage Server)',
    fr: 'Ajouter un membre (Gérer le serveur)',
    frName: 'ajouter',
    options: [
      ['team', true],
      ['member', true],
      ['weight', false],
      ['priority', false],
    ],
  },
  remove: {
    en: 'Remove a member (Manage Server)',
    fr: 'Retirer un membre (Gérer le serveur)',
    frName: 'retirer',
    options: [
      ['team', true],
      ['member', true],
    ],
  },
  weight: {
    en: "Set a member's weight (Manage Server)",
    fr: "Régler le poids d'un membre (Gérer le serveur)",
    frName: 'poids',
    options: [
      ['team', true],
      ['member', true],
      ['value', true],
    ],
  },
  priority: {
    en: "Set a member's priority (Manage Server)",
    fr: "Régler la priorité d'un membre (Gérer le serveur)",
    frName: 'priorite',
    options: [
      ['team', true],
      ['member', true],
      ['value', true],
    ],
  },
  mode: {
    en: 'Round-robin or collective (Manage Server)',
    fr: 'Tournant ou collectif (Gérer le serveur)',
    frName: 'mode',
    options: [
      ['team', true],
      ['mode', true],
    ],
  },
  window: {
    en: 'Fairness window: day, week or month (Manage Server)',
    fr: "Fenêtre d'équité : jour, semaine ou mois (Gérer le serveur)",
    frName: 'fenetre',
    options: [
      ['team', true],
      ['window', true],
    ],
  },
  series: {
    en: 'Recurring meetings: one member for the series, or turns (Manage Server)',
    fr: 'Réunions récurrentes : un membre pour la série, ou chacun son tour (Gérer le serveur)',
    frName: 'serie',
    options: [
      ['team', true],
      ['series', true],
    ],
  },
  pause: {
    en: 'Pause a member, e.g. vacation (Manage Server)',
    fr: 'Mettre un membre en pause, ex. congés (Gérer le serveur)',
    frName: 'pause',
    options: [
      ['team', true],
      ['member', true],
      ['until', false],
    ],
  },
  resume: {
    en: 'End a pause (Manage Server)',
    fr: 'Terminer une pause (Gérer le serveur)',
    frName: 'reprendre',
    options: [
      ['team', true],
      ['member', true],
    ],
  },
  bind: {
    en: 'Make a role mean this team in /meet new (Manage Server)',
    fr: 'Faire désigner cette équipe par un rôle dans /meet nouvelle (Gérer le serveur)',
    frName: 'lier',
    options: [
      ['team', true],
      ['role', true],
    ],
  },
  unbind: {
    en: 'Unbind the role of a team (Manage Server)',
    fr: "Délier le rôle d'une équipe (Gérer le serveur)",
    frName: 'delier',
    options: [['team', true]],
  },
};

function teamOption(sub: SlashCommandSubcommandBuilder, option: TeamOption, required: boolean): void {
  switch (option) {
    case 'team':
    case 'name':
      sub.addStringOption((o) =>
        o
          .setName(option)
          .setNameLocalizations({ fr: option === 'team' ? 'equipe' : 'nom' })
          .setDescription(option === 'team' ? 'Team name' : 'New team name (no spaces)')
          .setDescriptionLocalizations({
            fr: option === 'team' ? "Nom de l'équipe" : "Nom de l'équipe (sans espace)",
          })
          .setRequired(required)
          .setMaxLength(40),
      );
      return;
    case 'member':
      sub.addUserOption((o) =>
        o
          .setName('member')
          .setNameLocalizations({ fr: 'membre' })
          .setDescription('Team member')
          .setDescriptionLocalizations({ fr: "Membre de l'équipe" })
          .setRequired(required),
      );
      return;
    case 'role':
      sub.addRoleOption((o) =>
        o
          .setName('role')
          .setNameLocalizations({ fr: 'role' })
          .setDescription('Role that means this team')
          .setDescriptionLocalizations({ fr: 'Rôle qui désigne cette équipe' })
          .setRequired(required),
      );
      return;
    case 'mode':
      sub.addStringOption((o) =>
        o
          .setName('mode')
          .setDescription('Round-robin (one member per meeting) or collective (everyone)')
          .setDescriptionLocalizations({
            fr: 'Tournant (un membre par réunion) ou collectif (tout le monde)',
          })
          .setRequired(required)
          .addChoices(
            { name: 'round-robin', value: 'round-robin', name_localizations: { fr: 'tournant' } },
            { name: 'collective', value: 'collective', name_localizations: { fr: 'collectif' } },
          ),
      );
      return;
    case 'window':
      sub.addStringOption((o) =>
        o
          .setName('window')
          .setNameLocalizations({ fr: 'fenetre' })
          .setDescription('Fairness window')
          .setDescriptionLocalizations({ fr: "Fenêtre d'équité" })
          .setRequired(required)
          .addChoices(
            { name: 'day', value: 'day', name_localizations: { fr: 'jour' } },
            { name: 'week', value: 'week', name_localizations: { fr: 'semaine' } },
            { name: 'month', value: 'month', name_localizations: { fr: 'mois' } },
          ),
      );
      return;
    case 'series':
      sub.addStringOption((o) =>
        o
          .setName('series')
          .setNameLocalizations({ fr: 'serie' })
          .setDescription('A recurring meeting: one member for the whole series, or members taking turns')
          .setDescriptionLocalizations({
            fr: 'Une réunion récurrente : un membre pour toute la série, ou chacun son tour',
          })
          .setRequired(required)
          .addChoices(
            { name: 'fixed', value: 'fixed', name_localizations: { fr: 'fixe' } },
            { name: 'rotate', value: 'rotate', name_localizations: { fr: 'tournant' } },
          ),
      );
      return;
    case 'weight':
    case 'priority':
    case 'value':
      sub.addIntegerOption((o) =>
        o
          .setName(option)
          .setNameLocalizations({ fr: { weight: 'poids', priority: 'priorite', value: 'valeur' }[option] })
          .setDescription(
            {
              weight: 'Share weight (default 1)',
              priority: 'Tie-break priority (default 0)',
              value: 'Value',
            }[option],
          )
          .setDescriptionLocalizations({
            fr: {
              weight: 'Poids de la part (1 par défaut)',
              priority: "Priorité en cas d'égalité (0 par défaut)",
              value: 'Valeur',
            }[option],
          })
          .setRequired(required)
          .setMinValue(option === 'weight' ? 0 : -1000)
          .setMaxValue(1000),
      );
      return;
    case 'until':
      sub.addStringOption((o) =>
        o
          .setName('until')
          .setNameLocalizations({ fr: 'jusqua' })
          .setDescription('Last day of the pause, YYYY-MM-DD (default: until resumed)')
          .setDescriptionLocalizations({
            fr: "Dernier jour de la pause, AAAA-MM-JJ (par défaut : jusqu'à reprise)",
          })
          .setRequired(required)
          .setMaxLength(10),
      );
      return;
  }
}

function teamGroup(group: SlashCommandSubcommandGroupBuilder): SlashCommandSubcommandGroupBuilder {
  group
    .setName('team')
    .setNameLocalizations({ fr: 'equipe' })
    .setDescription('Team rotations: round-robin or collective meetings')
    .setDescriptionLocalizations({ fr: "Rotations d'équipe : réunions tournantes ou collectives" });
  for (const [name, spec] of Object.entries(TEAM_SUBCOMMANDS)) {
    group.addSubcommand((sub) => {
      sub
        .setName(name)
        .setNameLocalizations({ fr: spec.frName })
        .setDescription(spec.en)
        .setDescriptionLocalizations({ fr: spec.fr });
      for (const [option, required] of spec.options) teamOption(sub, option, required);
      return sub;
    });
  }
  return group;
}

/** Every command Convene registers. */
export function allCommands(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [meetCommand()];
}
