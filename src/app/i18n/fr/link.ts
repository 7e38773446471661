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
};
