/** Français, domaine `link` : erreurs de liaison d’un serveur CalDAV ou d’un flux ICS. Mêmes clés et paramètres que l’anglais. */
import type { link as en } from '../en/link.ts';
import type { Messages } from '../types.ts';

export const link: Messages<typeof en> = {
  'link.caldav.unauthorized':
    '{host} a refusé ce nom d’utilisateur et ce mot de passe. Les serveurs d’agenda demandent en général un mot de passe pour app, pas celui de votre compte : {service, select, icloud {créez-en un pour iCloud sur https://support.apple.com/fr-fr/102654} fastmail {créez-en un pour Fastmail (avec l’accès CalDAV) sur https://www.fastmail.help/hc/en-us/articles/360058752854} other {créez-en un dans les réglages de sécurité de votre fournisseur}}, puis réessayez.',
  'link.caldav.notCaldav':
    '{host} ne répond pas comme un serveur d’agenda CalDAV. Vérifiez l’adresse (pour Nextcloud, elle se termine par /remote.php/dav) ou saisissez simplement votre adresse e-mail.',
  'link.caldav.certificate':
    'Le certificat de sécurité de {host} n’est pas valide (expiré, auto-signé ou pour un autre nom) : Convene n’y enverra pas votre mot de passe. Demandez à l’administrateur du serveur de corriger le certificat.',
  'link.caldav.timeout': '{host} n’a pas répondu à temps. Réessayez dans un instant ou vérifiez l’adresse.',
  'link.caldav.unreachable':
    'Convene n’a pas pu joindre {host}. Vérifiez l’adresse ; un serveur sur votre réseau domestique ou de bureau n’est pas joignable depuis Internet.',
  'link.caldav.forbiddenAddress':
    '{host} se trouve sur un réseau privé ou local, auquel ce serveur Convene ne se connecte pas. Son administrateur peut autoriser ce réseau.',
  'link.caldav.invalidAddress':
    '« {host} » n’est ni une adresse de serveur (https://…) ni une adresse e-mail.',
  'link.ics.notCalendar':
    'Le lien sur {host} ne mène pas à un flux d’agenda (iCalendar). Copiez « l’adresse secrète au format iCal » ou le lien « s’abonner » de votre agenda.',
  'link.ics.unreachable': 'Convene n’a pas pu récupérer le flux sur {host}. Vérifiez le lien et réessayez.',
  'link.ics.timeout': '{host} n’a pas envoyé le flux à temps. Réessayez dans un instant.',
  'link.ics.forbiddenAddress':
    'Le flux sur {host} se trouve sur un réseau privé ou local, auquel ce serveur Convene ne se connecte pas. Son administrateur peut autoriser ce réseau.',
  'link.ics.invalidAddress': '« {host} » n’est pas un lien de flux d’agenda (https:// ou webcal://).',
  'link.ics.tooLarge': 'Le flux sur {host} dépasse {megabytes} Mo, plus que ce que Convene lit.',
  'link.ics.notFound':
    '{host} indique que ce flux n’existe pas. Le lien a peut-être été réinitialisé : copiez-le à nouveau.',
  'link.ics.refused':
    '{host} a refusé d’envoyer ce flux. Le lien secret a peut-être été réinitialisé : copiez-le à nouveau.',
  'link.ics.certificate':
    'Le certificat de sécurité de {host} n’est pas valide : Convene n’y lira pas le flux.',
  'link.page.title': 'Lier un agenda pour {who}',
  'link.page.intro':
    'Cette page lie un agenda au compte de discussion {who} dans {workspace}. Ne continuez que si c’est vous : si quelqu’un vous a transféré son lien, fermez cette page — votre agenda serait rattaché à son compte.',
  'link.page.unknownWorkspace': 'cet espace de travail',
  'link.page.kind.google': 'Google Agenda',
  'link.page.kind.microsoft': 'Microsoft 365',
  'link.page.kind.icloud': 'Apple iCloud',
  'link.page.kind.caldav': 'Serveur CalDAV (Fastmail, Nextcloud, Radicale…)',
  'link.page.kind.ics': 'Flux d’agenda (lien ICS, lecture seule)',
  'link.page.oauthButton': 'Lier mon {provider}',
  'link.page.icloud.help':
    'Utilisez votre identifiant Apple et un mot de passe pour app, pas le mot de passe de votre identifiant Apple : créez-en un sur https://support.apple.com/fr-fr/102654.',
  'link.page.caldav.help':
    'L’adresse de votre serveur (pour Nextcloud, elle se termine par /remote.php/dav) ou simplement votre adresse e-mail, votre nom d’utilisateur et un mot de passe pour app (Fastmail : https://www.fastmail.help/hc/en-us/articles/360058752854). Le mot de passe ne passe que par cette page, jamais par la discussion.',
  'link.page.ics.help':
    'Collez l’adresse iCal secrète de votre agenda (https:// ou webcal://). Convene la lit seulement : les réunions réservées sont conservées dans Convene, pas ajoutées au flux.',
  'link.page.field.address': 'Adresse du serveur ou adresse e-mail',
  'link.page.field.appleId': 'Identifiant Apple (adresse e-mail)',
  'link.page.field.username': 'Nom d’utilisateur',
  'link.page.field.password': 'Mot de passe pour app',
  'link.page.field.url': 'Lien du flux',
  'link.page.submit': 'Lier cet agenda',
  'link.page.failed': 'Rien n’a été lié',
  'link.page.done.title': 'Agenda lié',
  'link.page.done.caldav':
    '{account} est lié. Convene lit vos disponibilités dans {count, plural, one {# agenda} other {# agendas}}{write, select, none {.} other { et ajoute les réunions réservées à « {write} ».}}',
  'link.page.done.ics':
    'Le flux « {name} » est lié, en lecture seule : Convene y lit vos créneaux occupés ; les réunions réservées sont conservées dans Convene.',
  'link.page.calendars': 'Agendas trouvés',
  'link.page.writable': 'modifiable',
  'link.page.readOnly': 'lecture seule',
  'link.page.busy': 'compte comme occupé',
  'link.page.writeTarget': 'reçoit les nouvelles réunions',
  'link.page.close': 'Vous pouvez fermer cet onglet et revenir à la discussion.',
  'link.page.invalid':
    'Ce lien n’est pas valide (il a été modifié ou ne vient pas de ce serveur Convene). Rien n’a été lié. Demandez un nouveau lien avec `/meet link`.',
  'link.page.expired':
    'Ce lien a expiré (les liens sont valables 15 minutes). Rien n’a été lié. Demandez un nouveau lien avec `/meet link`.',
  'link.page.used':
    'Ce lien a déjà servi. Demandez un nouveau lien avec `/meet link` pour lier un autre agenda.',
  'link.page.otherUser':
    'Ce lien a été créé pour un autre utilisateur de Convene. Rien n’a été lié. Demandez votre propre lien avec `/meet link`.',
  'link.page.unconfirmed':
    'Ce formulaire doit être envoyé depuis sa propre page, dans le navigateur qui a ouvert le lien. Rien n’a été lié. Rouvrez le lien.',
  'link.page.disabled': 'Ce type d’agenda est désactivé sur ce serveur Convene. Rien n’a été lié.',
  'link.page.missingField': 'Remplissez tous les champs, puis réessayez.',
  'link.page.noCalendars': '{host} n’a aucun agenda d’événements pour ce compte. Rien n’a été lié.',
  'link.dm.caldav':
    'Votre agenda sur {account} est lié. Convene lit vos disponibilités dans {count, plural, one {# agenda} other {# agendas}}{writes, select, yes { et ajoute les réunions réservées à « {calendar} ».} other { ; aucun ne peut recevoir de réunions.}}',
  'link.dm.ics':
    'Votre flux d’agenda « {name} » est lié, en lecture seule : Convene y lit vos créneaux occupés. Les réunions réservées sont conservées dans Convene, avec un fichier .ics pour les ajouter vous-même.',
  'link.chat.dm':
    'Ouvrez ce lien pour connecter un agenda : Google, Microsoft 365, Apple iCloud, un serveur CalDAV ou un flux d’agenda. Il ne sert qu’une fois, pendant 15 minutes, et seulement pour vous.',
  'link.chat.sent': 'Je vous ai envoyé un message direct avec un lien pour connecter un agenda.',
  'link.chat.fallback':
    'Je ne peux pas vous envoyer de message direct : voici votre lien pour connecter un agenda. Vous seul voyez ce message ; le lien ne sert qu’une fois, pendant 15 minutes.',
  'link.chat.button': 'Lier un agenda',
  'link.relink.calendar':
    '{provider, select, google {agenda Google} microsoft {agenda Microsoft 365} caldav {agenda CalDAV} other {flux d’agenda}}',
  'link.relink.passwordRejected':
    'Convene ne peut plus lire votre {calendar} ({account}) : le serveur n’accepte plus le mot de passe enregistré. Un mot de passe pour app a peut-être été révoqué : créez-en un nouveau et liez de nouveau l’agenda pour que vos disponibilités restent exactes.',
  'link.relink.consentRemoved':
    'Convene ne peut plus lire votre {calendar} ({account}) : des autorisations ont été retirées. Liez-le de nouveau pour que vos disponibilités restent exactes.',
  'link.relink.accessRevoked':
    'Convene ne peut plus lire votre {calendar} ({account}) : l’accès a été révoqué ou a expiré. Liez-le de nouveau pour que vos disponibilités restent exactes.',
  'link.relink.button': 'Lier de nouveau votre {calendar}',
};
