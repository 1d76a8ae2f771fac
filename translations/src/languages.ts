/**
 * Languages a person speaks or an offer is held in. Wider than the site's locale table: an
 * interpreter may speak Sorani or Somali although the site has no Sorani pages. Codes are
 * ISO 639 (639-3 where 639-1 has none, e.g. `prs` Dari, `ckb` Sorani).
 */
export const spokenLanguages = [
  { code: 'de', endonym: 'Deutsch', germanName: 'Deutsch', englishName: 'German' },
  { code: 'en', endonym: 'English', germanName: 'Englisch', englishName: 'English' },
  { code: 'ar', endonym: 'العربية', germanName: 'Arabisch', englishName: 'Arabic' },
  { code: 'fa', endonym: 'فارسی', germanName: 'Persisch (Farsi)', englishName: 'Persian (Farsi)' },
  { code: 'prs', endonym: 'دری', germanName: 'Dari', englishName: 'Dari' },
  { code: 'ps', endonym: 'پښتو', germanName: 'Paschtu', englishName: 'Pashto' },
  { code: 'ku', endonym: 'Kurmancî', germanName: 'Kurdisch (Kurmandschi)', englishName: 'Kurdish (Kurmanji)' },
  { code: 'ckb', endonym: 'کوردیی ناوەندی', germanName: 'Kurdisch (Sorani)', englishName: 'Kurdish (Sorani)' },
  { code: 'ti', endonym: 'ትግርኛ', germanName: 'Tigrinya', englishName: 'Tigrinya' },
  { code: 'am', endonym: 'አማርኛ', germanName: 'Amharisch', englishName: 'Amharic' },
  { code: 'so', endonym: 'Soomaali', germanName: 'Somali', englishName: 'Somali' },
  { code: 'uk', endonym: 'Українська', germanName: 'Ukrainisch', englishName: 'Ukrainian' },
  { code: 'ru', endonym: 'Русский', germanName: 'Russisch', englishName: 'Russian' },
  { code: 'tr', endonym: 'Türkçe', germanName: 'Türkisch', englishName: 'Turkish' },
  { code: 'pl', endonym: 'Polski', germanName: 'Polnisch', englishName: 'Polish' },
  { code: 'ro', endonym: 'Română', germanName: 'Rumänisch', englishName: 'Romanian' },
  { code: 'bg', endonym: 'Български', germanName: 'Bulgarisch', englishName: 'Bulgarian' },
  { code: 'sq', endonym: 'Shqip', germanName: 'Albanisch', englishName: 'Albanian' },
  { code: 'sr', endonym: 'Српски', germanName: 'Serbisch', englishName: 'Serbian' },
  { code: 'fr', endonym: 'Français', germanName: 'Französisch', englishName: 'French' },
  { code: 'es', endonym: 'Español', germanName: 'Spanisch', englishName: 'Spanish' },
  { code: 'it', endonym: 'Italiano', germanName: 'Italienisch', englishName: 'Italian' },
  { code: 'ur', endonym: 'اردو', germanName: 'Urdu', englishName: 'Urdu' },
] as const

export type SpokenLanguageCode = (typeof spokenLanguages)[number]['code']
