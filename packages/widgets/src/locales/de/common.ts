import type en from '../en/common.ts';
import type { Strings } from '../types.ts';

/** German strings shared by every Plaza element: retry and the messages for every error code (formal "Sie"); a missing or extra key fails the typecheck. */
const common: Strings<typeof en> = {
  retry: 'Erneut versuchen',
  retrying: 'Neuer Versuch …',
  'error.validation_failed': 'Die Anfrage war ungültig.',
  'error.unauthenticated': 'Bitte melden Sie sich an und versuchen Sie es erneut.',
  'error.forbidden': 'Dazu sind Sie nicht berechtigt.',
  'error.not_found': 'Das gibt es nicht mehr, oder es ist für Sie nicht sichtbar.',
  'error.conflict': 'Inzwischen hat sich etwas geändert. Bitte versuchen Sie es erneut.',
  'error.payload_too_large': 'Das ist zu lang zum Senden.',
  'error.rate_limited': 'Zu viele Anfragen. Bitte versuchen Sie es gleich noch einmal.',
  'error.rate_limited_after': 'Zu viele Anfragen. Bitte versuchen Sie es {when} erneut.',
  'error.idempotency_conflict':
    'Diese Aktion wurde bereits mit anderem Inhalt gesendet. Bitte laden Sie die Seite neu.',
  'error.csrf_failed': 'Die Anfrage wurde aus Sicherheitsgründen blockiert. Bitte laden Sie die Seite neu.',
  'error.invalid_option': 'Diese Antwort gehört nicht mehr zur Umfrage. Bitte wählen Sie erneut.',
  'error.too_many_choices': 'Sie haben mehr Antworten gewählt, als diese Umfrage erlaubt.',
  'error.poll_closed': 'Diese Umfrage ist beendet, Ihre Stimme wurde nicht gezählt.',
  'error.group_not_open':
    'Dieser Gruppe kann man nicht mehr direkt beitreten. Bitte laden Sie neu, um zu sehen, wie es geht.',
  'error.group_not_by_request':
    'Diese Gruppe nimmt keine Beitrittsanfragen mehr an. Bitte laden Sie neu, um zu sehen, wie es geht.',
  'error.last_admin':
    'Sie sind die einzige Admin-Person dieser Gruppe. Ernennen Sie zuerst jemand anderen, bevor Sie austreten.',
  'error.no_pending_request': 'Diese Anfrage wurde bereits zurückgezogen oder abgelehnt.',
  'error.already_member': 'Diese Anfrage wurde bereits angenommen: Die Person ist jetzt Mitglied.',
  'error.unsupported_media_type': 'Diese Datei ist kein unterstütztes Bild. Erlaubt sind PNG, JPEG, WebP und GIF.',
  'error.internal': 'Auf dem Server ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut.',
  'error.network':
    'Der Plaza-Server ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  'error.invalid_response': 'Der Server hat eine Antwort gesendet, die Plaza nicht versteht.',
  'error.aborted': 'Die Anfrage wurde abgebrochen.',
};
export default common;
