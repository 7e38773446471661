/**
 * The `/meet` application command (chat input) with its subcommands, built with `@discordjs/builders`
 * (validated on `toJSON()`), with French localisations. Discord does not allow top-level options next
 * to subcommands, so the request itself is `/meet new request: … with: …`.
 */
import { SlashCommandBuilder } from '@discordjs/builders';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { InteractionContextType } from 'discord-api-types/v10';

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
            .setDescription('Calendar provider')
            .setDescriptionLocalizations({ fr: "Fournisseur d'agenda" })
            .setRequired(true)
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
            .addChoices({ name: 'English', value: 'en' }, { name: 'Français', value: 'fr' }),
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
    .addSubcommand((sub) =>
      sub
        .setName('help')
        .setNameLocalizations({ fr: 'aide' })
        .setDescription('How to use Convene')
        .setDescriptionLocalizations({ fr: 'Comment utiliser Convene' }),
    );
  return builder.toJSON();
}

/** Every command Convene registers. */
export function allCommands(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [meetCommand()];
}
