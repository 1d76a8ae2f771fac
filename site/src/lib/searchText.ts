/**
 * What search matches on, the same at index time (the build, hidden terms per page) and at
 * query time (the browser, `queryVariants`): every word becomes a *search key* — folded per
 * script (the letter variants readers' keyboards produce), then reduced to a stem for the
 * languages Pagefind does not stem well or at all — and German compounds also yield keys for
 * their parts. Pagefind then indexes and matches keys like any other word (it may stem them
 * again; equal keys stay equal). Pure TypeScript, no DOM, no dependencies: the query side
 * weighs about 3 KB gzip in the search page's bundle.
 */

/** Arabic-script letters a reader's keyboard (Arabic, Persian or Pashto layout) may produce for the same letter. */
const ARABIC_FOLD: Record<string, string> = {
  ي: 'ی',
  ى: 'ی',
  ې: 'ی',
  ۍ: 'ی',
  ئ: 'ی',
  ك: 'ک',
  ة: 'ه',
  ۀ: 'ه',
  ە: 'ه',
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ؤ: 'و',
  // Pashto letters that a Persian keyboard lacks, typed as their base letter.
  ټ: 'ت',
  ډ: 'د',
  ړ: 'ر',
  ڼ: 'ن',
  ګ: 'گ',
  ښ: 'ش',
  ږ: 'ژ',
}
// Harakat, superscript alef, tatweel, zero-width (non-)joiner, soft hyphen, apostrophes inside words.
// The joiners stand outside the class: inside one they read as joining its neighbours.
const DROP = /[\u064B-\u065F\u0670\u0640\u00AD'’ʼ`]|\u200C|\u200D/g

const LATIN_CHAR = /\p{Script=Latin}/u
const foldLatin = (word: string): string =>
  Array.from(word, (c) => (LATIN_CHAR.test(c) ? c.normalize('NFD').replace(/\p{M}/gu, '') : c))
    .join('')
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/đ/g, 'd')

/**
 * The language whose rules apply to a word: its script decides first (a Latin word on a Persian
 * page is German fallback text, an Arabic-script word follows its page's language).
 */
function wordLanguage(word: string, locale: string): string {
  const base = locale.split('-x-')[0]!
  if (/\p{Script=Arabic}/u.test(word)) return ['ar', 'fa', 'ps'].includes(base) ? base : 'fa'
  if (/\p{Script=Cyrillic}/u.test(word)) return base === 'ru' ? 'ru' : 'uk'
  if (/\p{Script=Ethiopic}/u.test(word)) return 'ti'
  return ['en', 'ku', 'tr', 'pl', 'ro'].includes(base) ? base : 'de'
}

/** Ethiopic rows whose syllables are not the usual eight vowel orders (the labialised qʷ, kʷ, gʷ … rows). */
const LABIALISED_ROWS = new Set([0x1248, 0x1258, 0x1288, 0x12b0, 0x12c0, 0x1310])
/**
 * The sixth-order syllable of an Ethiopic row (ə or no vowel: ጽ, ም) as its first order (ä: ጸ, መ).
 * Tigrinya spelling and readers' typing mix the two freely (`ጸሕፈት`/`ጽሕፈት`), and the syllabary
 * keyboards put them on the same key with different vowel keys.
 */
function foldSixthOrder(c: string): string {
  const cp = c.charCodeAt(0)
  const row = cp - ((cp - 0x1200) % 8)
  return cp - row === 5 && !LABIALISED_ROWS.has(row) ? String.fromCharCode(row) : c
}

/**
 * Folds one lower-case word the way readers' keyboards vary it: Arabic-script letter variants,
 * harakat, tatweel and ZWNJ; Persian and Arabic-Indic digits; Cyrillic ё/ґ/ї; Latin accents,
 * and for German ß and umlauts in both spellings (`ä` and `ae` → `a`); the Ethiopic homophone
 * rows ሠ/ሰ and ፀ/ጸ (written interchangeably in Tigrinya and Amharic orthography) and the first
 * and sixth vowel orders.
 */
export function normalizeWord(word: string, lang: string): string {
  const key = `${lang} ${word}`
  let folded = normalized.get(key)
  if (folded === undefined) {
    // Bounded, for the long-lived publisher: words come and go with the content.
    if (normalized.size >= NORMALIZED_MAX) normalized.clear()
    normalized.set(key, (folded = fold(word, lang)))
  }
  return folded
}

/**
 * The words `normalizeWord` folded, by language: a page's words are mostly words other pages
 * have, and the folding's dozen replacements took 4% of a full build's rendering time.
 */
const normalized = new Map<string, string>()
const NORMALIZED_MAX = 500_000

function fold(word: string, lang: string): string {
  let w = word.normalize('NFKC').toLowerCase().replace(DROP, '')
  w = w.replace(/[\u0600-\u06FF]/g, (c) => ARABIC_FOLD[c] ?? c)
  w = w.replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
  w = w.replace(/ё/g, 'е').replace(/ґ/g, 'г').replace(/ї/g, 'і')
  w = w.replace(/[\u1220-\u1227]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x10)).replace(/[\u1340-\u1346]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 8))
  w = w.replace(/[\u1200-\u135A]/g, foldSixthOrder)
  if (lang === 'de') w = w.replace(/ß/g, 'ss').replace(/ä|ae/g, 'a').replace(/ö|oe/g, 'o').replace(/ü|ue/g, 'u')
  return foldLatin(w)
}

/**
 * CISTEM (Weissweiler & Fraser, "Developing a Stemmer for German Based on a Comparative Analysis
 * of Publicly Available Stemmers", GSCL 2017), case-insensitive variant. Chosen over Snowball
 * German, which Pagefind uses: Snowball stems `Integrationskurs` to `integrationskur` but
 * `Integrationskurse` to `integrationskurs`, so the plural never met the singular.
 */
function cistem(word: string): string {
  let w = word
    .replace(/^ge(.{4,})/, '$1')
    .replace(/sch/g, '$')
    .replace(/ie/g, '&')
    .replace(/ei/g, '%')
    .replace(/(.)\1/g, '$1*')
  for (;;) {
    if (w.length <= 3) break
    if (w.length > 5 && /(e[mr]|nd)$/.test(w)) w = w.slice(0, -2)
    else if (/[tesn]$/.test(w)) w = w.slice(0, -1)
    else break
  }
  return w.replace(/(.)\*/g, '$1$1').replace(/\$/g, 'sch').replace(/&/g, 'ie').replace(/%/g, 'ei')
}

/**
 * Ukrainian: the rule set of UkrStemmer as ported in `@nlpjs/lang-uk` (MIT, AXA Group
 * Operations), rewritten here because that package pulls all of `@nlpjs/core` into the page.
 */
function ukrainian(word: string): string {
  const v = /[аеиоуюяіїє]/.exec(word)
  if (!v) return word
  const start = word.slice(0, v.index + 1)
  let w = word.slice(v.index + 1)
  const before = w
  w = w
    .replace(/[иы]в(ши(сь)?)?$/, '')
    .replace(/ав(ши(сь)?)?$/, 'а')
    .replace(/яв(ши(сь)?)?$/, 'я')
  if (w === before) {
    w = w.replace(/с[яьи]$/, '')
    const a = w
    w = w.replace(/(?:[аеєуюя]|еє|ем|єє|ий|их|іх|ів|ій|ім|їй|им|ими|іми|йми|ої|ою|ова|ове|ого|ому)$/, '')
    if (w !== a) w = w.replace(/(?:[аіу]|ій|ий|им|ім|их|йми|ого|ому|ою)$/, '')
    else {
      const b = w
      w = w.replace(/(?:[еєую]|ав|али|ати|вши|ив|ити|ме|сь|ся|ши|учи|яти|ячи|ать|ять)$/, '')
      if (w === b) w = w.replace(/(?:[аеєіїийоуыьюя]|ам|ах|ами|ев|еві|еи|ей|ем|ею|єм|єю|ів|їв|ий|ием|ию|ия|иям|иях|ов|ові|ой|ом|ою|ью|ья|ям|ями|ях)$/, '')
    }
  }
  w = w.replace(/и$/, '')
  // The fleeting о/е of -ок, -ець, -ень (притулок/притулку, українець/українця, тиждень/тижня):
  // the nominative meets the other cases without it (its ь is gone by now).
  w = w.replace(/([^аеиоуюяіїє])[ое]([кцн])$/, '$1$2')
  if (/[^аеиоуюяіїє][аеиоуюяіїє]+[^аеиоуюяіїє]+[аеиоуюяіїє].*ость$/.test(w)) w = w.replace(/ость$/, '')
  const c = w
  w = w.replace(/ь$/, '')
  if (w === c) w = w.replace(/ейше$/, '').replace(/нн$/, 'н')
  return start + w
}

/**
 * Suffix rules for languages with no maintained stemmer in the npm registry (checked: Snowball
 * has none for Persian, Pashto, Kurmanji or Tigrinya; `@nlpjs/lang-fa`'s stemmer is empty).
 * Inflectional endings from standard grammars (plural, possessive and oblique endings), after
 * folding; one ending is stripped, longest first, keeping a stem of at least three letters.
 */
const SUFFIXES: Record<string, string[]> = {
  // Persian: plurals ها/ان/ات, possessives, comparative, indefinite/ezafe ی (ZWNJ already dropped).
  fa: ['هایشان', 'هایتان', 'هایمان', 'هایی', 'های', 'ترین', 'ها', 'یان', 'ان', 'ات', 'تر', 'ام', 'اش', 'یم', 'ید', 'ی'],
  // Pashto: plurals ونه/ونو/ګانې/ان, oblique و, feminine ې/ه (ې folded to ی).
  ps: ['گانو', 'گانی', 'ونه', 'ونو', 'انو', 'ان', 'و', 'ی', 'ه'],
  // Kurmanji (diacritics folded): izafe and oblique -ê/-a/-ên/-an, definite -eke, indefinite -ek.
  ku: ['yen', 'yan', 'eke', 'eki', 'eka', 'ek', 'en', 'an', 'ye', 'ya', 'yi', 'e', 'i', 'a'],
  // Tigrinya: the plural ታት and the conjunction ን written on the word.
  ti: ['ታት', 'ን'],
}
const PREFIXES: Record<string, string[]> = {
  // Tigrinya prepositions written on the word: ን "for, to", ብ "by, with".
  ti: ['ን', 'ብ'],
  fa: ['نمی', 'می'],
}

/**
 * The shortest stem an affix may leave. Persian and Pashto write no short vowels, so common
 * nouns have two-letter stems (زن "woman" of زنان, ښځ of ښځه/ښځو); elsewhere three.
 */
const MIN_STEM: Record<string, number> = { fa: 2, ps: 2 }

function stripAffixes(word: string, lang: string): string {
  const min = MIN_STEM[lang] ?? 3
  let w = word
  for (const p of PREFIXES[lang] ?? []) {
    if (w.startsWith(p) && Array.from(w).length - Array.from(p).length >= 3) {
      w = w.slice(p.length)
      break
    }
  }
  for (const s of SUFFIXES[lang] ?? []) {
    if (w.endsWith(s) && Array.from(w).length - Array.from(s).length >= min) return w.slice(0, -s.length)
  }
  return w
}

/**
 * The search key of one word: folded, then stemmed where Pagefind's own stemming is missing
 * (uk, fa, ps, ku, ti) or does not meet itself (German). Arabic, English, Russian and Turkish
 * keys stay unstemmed: Pagefind stems them as before.
 */
export function searchKey(word: string, locale: string): string {
  const lang = wordLanguage(word, locale)
  const w = normalizeWord(word, lang)
  if (lang === 'de') return cistem(w)
  if (lang === 'uk') return ukrainian(w)
  return stripAffixes(w, lang)
}

/** The words of a text: letters, marks and digits, with apostrophes and ZWNJ inside words. */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{M}\p{N}]+(?:['’ʼ\u200C][\p{L}\p{M}\p{N}]+)*/gu) ?? []
}

/**
 * What the search sends to Pagefind for a reader's query in `locale`: the key of every word.
 * Pagefind matches all words of a query, so the keys replace the words rather than adding to them.
 */
export function queryVariants(query: string, locale: string): string {
  return words(query)
    .map((w) => searchKey(w, locale))
    .join(' ')
}

const MIN_PART = 4
/** Short German words that are often compound parts but too short for the content vocabulary's minimum. */
const SHORT_PARTS = ['amt', 'arzt', 'bad', 'bus', 'hof', 'job', 'kita', 'kurs', 'rat', 'tag', 'zeit', 'haus', 'café', 'cafe', 'hilfe', 'recht']
const LINKS = ['', 's', 'es', 'n', 'en', 'e', 'er']

/**
 * The folded German words a compound may be split into: every word of the texts of at least
 * four letters, a few short ones, and `extra` (a maintained word list, see `germanWords.ts`).
 */
export function compoundVocabulary(texts: Iterable<string>, extra: Iterable<string> = []): Set<string> {
  const vocabulary = new Set([...SHORT_PARTS, ...extra].map((w) => normalizeWord(w, 'de')))
  for (const text of texts) for (const w of vocabularyWords(text)) vocabulary.add(w)
  return vocabulary
}

/** The words of one text that `compoundVocabulary` takes: folded, of at least four letters. */
export function vocabularyWords(text: string): string[] {
  return words(text)
    .filter((w) => w.length >= MIN_PART)
    .map((w) => normalizeWord(w, 'de'))
}

/**
 * Splits a folded German word into known words. A part is known as it stands, as a known word
 * without its final `e` (`Sprach|kurs`) or, from four letters, as the stem of a known verb
 * (`Lern|café`, `Fahr|rad`); a linking element (`s`, `n`, `en` …) stays on the part before it
 * (`migrations|dienst`), so the parts joined give the word back and any run of them is a piece
 * of the word as written. Returns the parts, or `[]` when the word is not such a compound. The
 * longest first part wins.
 */
export function splitCompound(word: string, vocabulary: Set<string>): string[] {
  const known = (p: string) => p.length >= 3 && (vocabulary.has(p) || vocabulary.has(`${p}e`) || (p.length >= 4 && vocabulary.has(`${p}en`)))
  const split = (w: string, depth: number): string[] | null => {
    if (depth > 0 && known(w)) return [w]
    for (let i = w.length - 3; i >= 3; i--) {
      const head = w.slice(0, i)
      if (!known(head)) continue
      for (const link of LINKS) {
        if (!w.startsWith(link, i)) continue
        const rest = split(w.slice(i + link.length), depth + 1)
        if (rest) return [head + link, ...rest]
      }
    }
    // The last part may be inflected (`Integrationskurse`): its stem must be a known word's stem.
    if (depth > 0 && w.length >= 3 && stemsOf(vocabulary).has(cistem(w))) return [w]
    return null
  }
  const parts = split(word, 0)
  return parts && parts.length > 1 ? parts : []
}

const stemCache = new WeakMap<Set<string>, Set<string>>()
function stemsOf(vocabulary: Set<string>): Set<string> {
  let stems = stemCache.get(vocabulary)
  if (!stems) stemCache.set(vocabulary, (stems = new Set([...vocabulary].map(cistem))))
  return stems
}

const NO_VOCABULARY = new Set<string>()

/**
 * The terms a folded German word adds as a compound: every run of its parts, and the parts of a
 * part that is itself a compound (`Fahrrad`). Empty for a word the vocabulary does not split.
 */
export function compoundTerms(word: string, vocabulary: Set<string>): string[] {
  const terms = new Set<string>()
  const addParts = (w: string) => {
    const parts = splitCompound(w, vocabulary)
    for (let i = 0; i < parts.length; i++) for (let j = i + 1; j <= parts.length; j++) if (j - i < parts.length) terms.add(cistem(parts.slice(i, j).join('')))
    for (const part of parts) addParts(part)
  }
  addParts(word)
  return [...terms]
}

/**
 * The extra terms a text block adds to its page's index: each word's key where it differs from
 * the word as written, hyphenated words joined (`Sprach-Café` → `sprachcafe`), and for German
 * the keys of a compound's parts and of every run of them (`Berufssprachkurs` → `beruf`,
 * `sprachkur`, `kur` …), down into parts that are compounds themselves. Sorted and unique, so the build stays deterministic.
 */
export function indexTerms(text: string, locale: string, vocabulary: Set<string> = NO_VOCABULARY, onCompound?: (word: string) => void): string[] {
  const terms = new Set<string>()
  const add = (written: string) => {
    for (const t of wordTerms(written, locale, vocabulary)) terms.add(t)
    // A word the vocabulary may split (both parts at least three letters), in the folded form `compoundTerms` takes.
    if (onCompound && vocabulary.size > 0 && wordLanguage(written, locale) === 'de') {
      const word = normalizeWord(written, 'de')
      if (word.length >= 6) onCompound(word)
    }
  }
  for (const w of words(text)) add(w)
  for (const joined of text.match(/[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)+/gu) ?? []) add(joined.replace(/-/g, ''))
  return [...terms].sort()
}

/**
 * The terms of one word as written, remembered per vocabulary and locale: a build meets the
 * same words on thousands of pages (13 locales × every list and detail page), and working them
 * out again each time made the Astro build 40 % slower at 1,000 offers (7.2 s for the offer
 * pages alone, measured with the synthetic snapshot).
 */
const wordTermsCache = new WeakMap<Set<string>, Map<string, string[]>>()
function wordTerms(written: string, locale: string, vocabulary: Set<string>): string[] {
  let cache = wordTermsCache.get(vocabulary)
  if (!cache) wordTermsCache.set(vocabulary, (cache = new Map()))
  const cacheKey = `${locale}\u0000${written}`
  const cached = cache.get(cacheKey)
  if (cached) return cached
  const terms = new Set<string>()
  const key = searchKey(written, locale)
  if (key !== written.toLowerCase()) terms.add(key)
  if (wordLanguage(written, locale) === 'de' && vocabulary.size > 0) for (const t of compoundTerms(normalizeWord(written, 'de'), vocabulary)) terms.add(t)
  const result = [...terms]
  cache.set(cacheKey, result)
  return result
}
