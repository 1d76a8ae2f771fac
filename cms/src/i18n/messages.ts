import type { PayloadRequest } from 'payload'

/**
 * Lotse's own admin messages (validation errors), in the admin's languages (German, English). Every
 * validation message starts with the field's label in the editor's language, so the message
 * says which field is wrong even where it is shown away from the field (API responses, toasts).
 */
const de = {
  required: '{{field}}: Bitte ausfüllen.',
  requiredInGermanFirst: '{{field}}: Bitte zuerst auf Deutsch ausfüllen; Übersetzungen ergänzen den deutschen Text.',
  invalidPhone: '{{field}}: Bitte eine Telefonnummer wie „04462 86-1234“ oder „+49 4462 861234“ eingeben.',
  invalidEmail: '{{field}}: Bitte eine E-Mail-Adresse wie „name@example.org“ eingeben.',
  invalidUrl: '{{field}}: Bitte eine vollständige Webadresse eingeben, die mit https:// oder http:// beginnt.',
  unsafeLink: '{{field}}: Der Link „{{href}}“ ist nicht erlaubt. Erlaubt sind Webadressen (https://…), E-Mail (mailto:…), Telefon (tel:…) und Pfade dieser Seite (/…).',
  endBeforeStart: '{{field}}: Das Ende darf nicht vor dem Beginn ({{start}}) liegen.',
  untilBeforeFrom: '{{field}}: „Gültig bis“ darf nicht vor „Gültig ab“ liegen.',
  recurrenceUntilBeforeStart: '{{field}}: Die Wiederholung muss nach dem ersten Termin enden.',
  invalidTime: '{{field}}: Bitte eine Uhrzeit im Format HH:MM eingeben, z. B. 09:30.',
  slotEndBeforeStart: '{{field}}: „Bis“ muss nach „Von“ liegen.',
  invalidLatitude: '{{field}}: Der Breitengrad muss zwischen {{min}} und {{max}} liegen (Deutschland). Sind Breite und Länge vertauscht?',
  invalidLongitude: '{{field}}: Der Längengrad muss zwischen {{min}} und {{max}} liegen (Deutschland). Sind Breite und Länge vertauscht?',
  coordinatePair: '{{field}}: Bitte Breiten- und Längengrad beide angeben oder beide leer lassen.',
  invalidPostalCode: '{{field}}: Eine Postleitzahl hat fünf Ziffern.',
  invalidSlug: '{{field}}: Nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, z. B. „sprach-cafe-esens“.',
  slugTaken: '{{field}}: „{{slug}}“ wird schon von einem anderen Eintrag verwendet.',
  ownOrganizationOnly: '{{field}}: Sie können nur Einträge Ihrer eigenen Organisation anlegen und bearbeiten.',
  passwordTooShort: '{{field}}: Das Passwort muss mindestens {{min}} Zeichen lang sein.',
  fileTooLarge: '{{field}}: Die Datei ist {{size}} groß; erlaubt sind höchstens {{max}}.',
  fileTypeNotAllowed: '{{field}}: Dateien vom Typ „{{type}}“ sind nicht erlaubt. Erlaubt sind JPEG, PNG, WebP, AVIF und PDF.',
  feeNoteRequired: '{{field}}: Bitte die Kosten beschreiben, wenn das Angebot nicht kostenlos ist.',
  registrationHowRequired: '{{field}}: Bitte angeben, wie man sich anmeldet (Text oder Link).',
  parentCycle: '{{field}}: Eine Seite kann nicht unter sich selbst oder einer ihrer Unterseiten stehen.',
  measureParentLevel: '{{field}}: Ein Unterziel gehört zu einem Handlungsfeld, eine Maßnahme zu einem Unterziel.',
  resetMailThrottled: '{{field}}: Für diese Adresse wurde gerade ein Link verschickt. Bitte in {{seconds}} Sekunden erneut versuchen.',
  relationNotFound: '{{field}}: Der gewählte Eintrag ({{id}}) existiert nicht (mehr). Bitte einen anderen wählen.',
  rowIdTaken: '{{field}}: Die Zeilen-ID „{{id}}“ gehört zu einem anderen Eintrag. Bitte die Zeile ohne ID senden.',
  rowIdDuplicate: '{{field}}: Die Zeilen-ID „{{id}}“ kommt mehrfach vor.',
  fileUnreadable: '{{field}}: Der Inhalt der Datei ist kein JPEG-, PNG-, WebP-, AVIF-Bild und kein PDF (unabhängig von Name und Endung).',
  imageTooManyPixels: '{{field}}: Das Bild hat {{pixels}} Megapixel; erlaubt sind höchstens {{max}}. Bitte verkleinern.',
  statusNotForTranslators: '{{field}}: Übersetzer können Einträge nicht veröffentlichen oder zurückziehen.',
  fileNotForTranslators: '{{field}}: Übersetzer können Dateien nicht ersetzen, nur Texte übersetzen.',
  relationQueryNotAllowed: '{{field}}: Abfragen über verknüpfte Einträge ({{path}}) sind hier nicht erlaubt.',
  searchTermsTooFew: '{{field}}: Eine Gruppe braucht mindestens {{min}} Begriffe, die dasselbe bedeuten.',
  searchTermTooShort: '{{field}}: „{{term}}“ ist zu kurz; ein Suchbegriff hat mindestens {{min}} Zeichen.',
  searchTermDuplicate: '{{field}}: „{{term}}“ steht zweimal in der Gruppe.',
  wholeNumberInRange: '{{field}}: Bitte eine ganze Zahl von {{min}} bis {{max}} eingeben.',
  importFieldNotForTarget: '{{field}}: Das Feld „{{name}}“ gibt es für diese Art von Einträgen nicht.',
} as const

type MessageKey = keyof typeof de

const en: Record<MessageKey, string> = {
  required: '{{field}}: This field is required.',
  requiredInGermanFirst: '{{field}}: Please fill this in German first; translations add to the German text.',
  invalidPhone: '{{field}}: Please enter a phone number such as "04462 86-1234" or "+49 4462 861234".',
  invalidEmail: '{{field}}: Please enter an e-mail address such as "name@example.org".',
  invalidUrl: '{{field}}: Please enter a complete web address starting with https:// or http://.',
  unsafeLink: '{{field}}: The link "{{href}}" is not allowed. Allowed are web addresses (https://…), e-mail (mailto:…), phone (tel:…) and paths of this site (/…).',
  endBeforeStart: '{{field}}: The end must not be before the start ({{start}}).',
  untilBeforeFrom: '{{field}}: "Valid until" must not be before "Valid from".',
  recurrenceUntilBeforeStart: '{{field}}: The repetition must end after the first date.',
  invalidTime: '{{field}}: Please enter a time as HH:MM, e.g. 09:30.',
  slotEndBeforeStart: '{{field}}: "To" must be after "From".',
  invalidLatitude: '{{field}}: Latitude must be between {{min}} and {{max}} (Germany). Are latitude and longitude swapped?',
  invalidLongitude: '{{field}}: Longitude must be between {{min}} and {{max}} (Germany). Are latitude and longitude swapped?',
  coordinatePair: '{{field}}: Please give both latitude and longitude, or neither.',
  invalidPostalCode: '{{field}}: A German postal code has five digits.',
  invalidSlug: '{{field}}: Only lowercase letters a–z, digits and single hyphens, e.g. "sprach-cafe-esens".',
  slugTaken: '{{field}}: "{{slug}}" is already used by another entry.',
  ownOrganizationOnly: '{{field}}: You can only create and edit entries of your own organization.',
  passwordTooShort: '{{field}}: The password must be at least {{min}} characters long.',
  fileTooLarge: '{{field}}: The file is {{size}}; at most {{max}} is allowed.',
  fileTypeNotAllowed: '{{field}}: Files of type "{{type}}" are not allowed. Allowed are JPEG, PNG, WebP, AVIF and PDF.',
  feeNoteRequired: '{{field}}: Please describe the cost when the offer is not free of charge.',
  registrationHowRequired: '{{field}}: Please say how to register (text or link).',
  parentCycle: '{{field}}: A page cannot be placed below itself or one of its sub-pages.',
  measureParentLevel: '{{field}}: A sub-goal belongs to a field of action, a measure to a sub-goal.',
  resetMailThrottled: '{{field}}: A link was just sent to this address. Please try again in {{seconds}} seconds.',
  relationNotFound: '{{field}}: The chosen entry ({{id}}) does not exist (any more). Please choose another one.',
  rowIdTaken: '{{field}}: The row ID "{{id}}" belongs to another entry. Please send the row without an ID.',
  rowIdDuplicate: '{{field}}: The row ID "{{id}}" occurs more than once.',
  fileUnreadable: "{{field}}: The file's content is not a JPEG, PNG, WebP or AVIF image nor a PDF (whatever its name and extension).",
  imageTooManyPixels: '{{field}}: The image has {{pixels}} megapixels; at most {{max}} are allowed. Please make it smaller.',
  statusNotForTranslators: '{{field}}: Translators cannot publish or unpublish entries.',
  fileNotForTranslators: '{{field}}: Translators cannot replace files, only translate texts.',
  relationQueryNotAllowed: '{{field}}: Queries through related entries ({{path}}) are not allowed here.',
  searchTermsTooFew: '{{field}}: A group needs at least {{min}} terms that mean the same.',
  searchTermTooShort: '{{field}}: "{{term}}" is too short; a search term has at least {{min}} characters.',
  searchTermDuplicate: '{{field}}: "{{term}}" occurs twice in the group.',
  wholeNumberInRange: '{{field}}: Please enter a whole number from {{min}} to {{max}}.',
  importFieldNotForTarget: '{{field}}: There is no field "{{name}}" for this kind of entry.',
}

/** A label in the admin's languages, as Payload field labels are given. */
export type Label = { de: string; en: string }

/** The label in the editor's admin language (German when the language is not one we label in). */
export function labelIn(label: Label, req: Pick<PayloadRequest, 'i18n'> | undefined): string {
  return req?.i18n?.language === 'en' ? label.en : label.de
}

/**
 * A validation message in the editor's language, naming the field. Falls back to the German
 * text when called outside a request (seed scripts), so a message is never a bare key.
 */
export function message(req: Pick<PayloadRequest, 'i18n'> | undefined, key: MessageKey, field: Label, vars: Record<string, string | number> = {}): string {
  const language = req?.i18n?.language === 'en' ? 'en' : 'de'
  const template: string = language === 'en' ? en[key] : de[key]
  const all: Record<string, string | number> = { field: labelIn(field, req), ...vars }
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(all[name] ?? ''))
}
