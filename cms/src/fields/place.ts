import type { Field, GroupField, NumberFieldSingleValidation, RelationshipField, TextFieldSingleValidation } from 'payload'

import { COORDINATE_BOUNDS, isLatitude, isLongitude } from '@lotse/content-schemas'

import { message } from '../i18n/messages'

/** A postal address. Not localized: street names are the same in every language. */
export function addressField(name = 'address'): GroupField {
  const postalLabel = { de: 'Postleitzahl', en: 'Postal code' }
  return {
    name,
    type: 'group',
    label: { de: 'Adresse', en: 'Address' },
    fields: [
      {
        type: 'row',
        fields: [
          { name: 'street', type: 'text', label: { de: 'Straße und Hausnummer', en: 'Street and number' } },
          {
            name: 'postalCode',
            type: 'text',
            label: postalLabel,
            validate: ((value, { req }) =>
              value == null || value === '' || (typeof value === 'string' && /^\d{5}$/.test(value.trim())) ? true : message(req, 'invalidPostalCode', postalLabel)) satisfies TextFieldSingleValidation,
          },
          { name: 'city', type: 'text', label: { de: 'Ort', en: 'City' } },
        ],
      },
    ],
  }
}

/**
 * A map point as two numbers rather than Payload's `point` field: SQLite cannot run `near`
 * queries on points, and the site computes distances itself. Both or neither must be given.
 */
export function locationField(name = 'location'): GroupField {
  const latLabel = { de: 'Breitengrad', en: 'Latitude' }
  const lngLabel = { de: 'Längengrad', en: 'Longitude' }
  const bothOrNeither = (value: unknown, other: unknown) => (value == null) === (other == null)
  return {
    name,
    type: 'group',
    label: { de: 'Kartenpunkt', en: 'Map point' },
    admin: { description: { de: 'Dezimalgrad (WGS84), z. B. 53.5766 / 7.7823', en: 'Decimal degrees (WGS84), e.g. 53.5766 / 7.7823' } },
    fields: [
      {
        type: 'row',
        fields: [
          {
            name: 'lat',
            type: 'number',
            label: latLabel,
            validate: ((value, { req, siblingData }) => {
              const lng = (siblingData as { lng?: unknown }).lng
              if (!bothOrNeither(value, lng)) return message(req, 'coordinatePair', latLabel)
              if (value == null) return true
              return typeof value === 'number' && isLatitude(value) ? true : message(req, 'invalidLatitude', latLabel, COORDINATE_BOUNDS.lat)
            }) satisfies NumberFieldSingleValidation,
          },
          {
            name: 'lng',
            type: 'number',
            label: lngLabel,
            validate: ((value, { req }) => {
              if (value == null) return true
              return typeof value === 'number' && isLongitude(value) ? true : message(req, 'invalidLongitude', lngLabel, COORDINATE_BOUNDS.lng)
            }) satisfies NumberFieldSingleValidation,
          },
        ],
      },
    ],
  }
}

export function municipalityField(required = false): RelationshipField {
  return {
    name: 'municipality',
    type: 'relationship',
    relationTo: 'municipalities',
    required,
    label: { de: 'Gemeinde', en: 'Municipality' },
    admin: { position: 'sidebar' },
  }
}

/** Address, map point and municipality, as every place-bound document has them. */
export function placeFields(options: { municipalityRequired?: boolean } = {}): Field[] {
  return [municipalityField(options.municipalityRequired), addressField(), locationField()]
}
