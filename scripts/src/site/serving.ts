/**
 * The one rule table for serving a release to readers. Both servers read it: the built-in one
 * (`server.ts`, behind `npm start` and the tests) and the nginx config generated for
 * production (`nginx.ts`), so the headers, types, caching and refusals cannot drift apart.
 * `tests/site/serving.test.ts` runs the same checks against both.
 *
 * Every path rule is a regular expression over the decoded, normalized URL path relative to
 * the release root (`/de/offers/`), which is the string nginx matches `location ~` against;
 * the built-in server normalizes the same way first. Nothing is decided on a file system path:
 * a `DEPLOY_DIR` or a slug containing `/media/` once made pages cacheable for a year.
 */
import { localeCodes } from '@lotse/translations'

/**
 * The Content-Security-Policy of every answer. No `'unsafe-inline'` for scripts: every script
 * of the site is a file of the release (the build refuses a page with an inline script, see
 * `checkPages`). Pagefind compiles its WebAssembly (`'wasm-unsafe-eval'`) and runs its search
 * in a Worker loaded from its own file, `/pagefind/<locale>/pagefind-worker.js` (Pagefind
 * 1.6.0 makes no `blob:` worker, so `worker-src 'self'` is enough). Styles keep
 * `'unsafe-inline'` for `style` attributes (the concept page's progress bars); no CMS text
 * reaches an attribute unescaped.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** Sent with every answer, errors included. The policy forbids every third-party source (DSGVO). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'geolocation=(), camera=(), microphone=()',
}

/** What the media of the CMS may be: the CMS upload allow-list (no SVG, no HTML). */
export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  pdf: 'application/pdf',
}

/**
 * Content type by file extension (lower case; nginx lower-cases too). Nothing else decides a
 * type: no sniffing, no default table of the web server. Pagefind's own files are binary
 * (its index chunks and its WebAssembly are gzip data it unpacks itself).
 */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  mjs: 'text/javascript',
  json: 'application/json',
  webmanifest: 'application/manifest+json',
  xml: 'application/xml',
  txt: 'text/plain',
  ics: 'text/calendar',
  svg: 'image/svg+xml',
  woff2: 'font/woff2',
  wasm: 'application/wasm',
  pagefind: 'application/octet-stream',
  pf_fragment: 'application/octet-stream',
  pf_index: 'application/octet-stream',
  pf_meta: 'application/octet-stream',
  pf_filter: 'application/octet-stream',
  ...MEDIA_TYPES,
}

/** For files without a known extension. */
export const DEFAULT_TYPE = 'application/octet-stream'

/** Text types whose Content-Type names the charset (`text/html; charset=utf-8`, as nginx's `charset_types` writes it). */
export const CHARSET_TYPES: ReadonlySet<string> = new Set([
  'text/html',
  'text/css',
  'text/javascript',
  'application/json',
  'application/manifest+json',
  'application/xml',
  'text/plain',
  'text/calendar',
])

/** The Content-Type header for a file name, from its extension alone. */
export function contentType(fileName: string, types: Readonly<Record<string, string>> = CONTENT_TYPES): string {
  const dot = fileName.lastIndexOf('.')
  const ext = dot > fileName.lastIndexOf('/') ? fileName.slice(dot + 1).toLowerCase() : ''
  const type = Object.hasOwn(types, ext) ? types[ext]! : DEFAULT_TYPE
  return CHARSET_TYPES.has(type) ? `${type}; charset=utf-8` : type
}

/**
 * Files worth a precompressed copy (`.br`, `.gz`) written at build time (`compress.ts`). Images,
 * fonts, PDFs and Pagefind's chunks are compressed already.
 */
export const COMPRESSIBLE_EXTENSIONS: ReadonlySet<string> = new Set(['html', 'css', 'js', 'mjs', 'json', 'webmanifest', 'xml', 'txt', 'ics', 'svg'])

/** The precompressed copies, in the order a server prefers them (nginx's brotli_static answers before gzip_static). */
export const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const

export const CACHE_CONTROL = {
  /** The name changes whenever the content does (a content hash in it), so a year is safe. */
  immutable: 'public, max-age=31536000, immutable',
  /** Fixed names whose content changes only with a package update; a week-old copy does no harm. */
  week: 'public, max-age=604800',
  /** Everything else: the browser asks again each time (a cheap 304 from nginx). */
  revalidate: 'no-cache',
} as const
export type CacheClass = keyof typeof CACHE_CONTROL

export interface ServingRule {
  /** What the rule is for; a comment in the nginx config. */
  name: string
  /**
   * Matched against the decoded, normalized URL path. Written in the syntax JavaScript and
   * PCRE (nginx) share; the `i` flag becomes nginx's `~*`.
   */
  pattern: RegExp
  cache?: CacheClass
  /** Headers added to the security headers. */
  headers?: Readonly<Record<string, string>>
  /** The only types this rule serves, by extension (all others: `DEFAULT_TYPE`). */
  types?: Readonly<Record<string, string>>
  /** Answer "not found", whatever is on disk. */
  deny?: boolean
}

/**
 * The rules, first match wins (as nginx takes the first matching regex location). Paths no
 * rule matches are served with `revalidate` caching.
 *
 * Media: file names are `<content-hash>-<slug>.<ext>` (the CMS names uploads so), which makes
 * them safe to cache for a year. Only the upload allow-list is served, with the type of the
 * extension; an upload once stored as `cover.html` (a PNG with a script appended) answers 404.
 */
export const RULES: readonly ServingRule[] = [
  { name: 'hidden files (the release marker .lotse-release.json); /.well-known/ stays public', pattern: /\/\.(?!well-known\/)/, deny: true },
  { name: 'build assets, content hash in the name (Vite)', pattern: /^\/_astro\/[^/]+$/, cache: 'immutable' },
  { name: 'search index chunks, content hash in the name (Pagefind)', pattern: /^\/pagefind\/[^/]+\/(?:\d+\/)?(?:[a-z]+\/)?[^/]+\.pf_(?:fragment|index|meta|filter)$/, cache: 'immutable' },
  {
    name: 'images of the CMS',
    pattern: /^\/media\/[^/]+\.(?:jpe?g|png|webp|avif)$/i,
    cache: 'immutable',
    types: { jpg: MEDIA_TYPES.jpg!, jpeg: MEDIA_TYPES.jpeg!, png: MEDIA_TYPES.png!, webp: MEDIA_TYPES.webp!, avif: MEDIA_TYPES.avif! },
  },
  { name: 'PDFs of the CMS, always as a download', pattern: /^\/media\/[^/]+\.pdf$/i, cache: 'immutable', types: { pdf: MEDIA_TYPES.pdf! }, headers: { 'Content-Disposition': 'attachment' } },
  { name: 'anything else under /media/', pattern: /^\/media\//, deny: true },
  { name: 'self-hosted fonts (fixed names from @fontsource)', pattern: /^\/fonts\/[^/]+\.woff2$/, cache: 'week' },
  { name: 'the service worker, for the whole site', pattern: /^\/sw\.js$/, headers: { 'Service-Worker-Allowed': '/' } },
]

/** The rule for a decoded, normalized URL path, or undefined for the default. */
export function ruleFor(urlPath: string): ServingRule | undefined {
  return RULES.find((rule) => rule.pattern.test(urlPath))
}

/** The headers of a 200 answer under a rule (security headers, caching, the rule's own). */
export function headersFor(rule: ServingRule | undefined): Record<string, string> {
  return { ...SECURITY_HEADERS, 'Cache-Control': CACHE_CONTROL[rule?.cache ?? 'revalidate'], ...rule?.headers }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Paths inside a locale; their "not found" is that locale's 404 page. */
export const LOCALE_PATH = new RegExp(`^/(${localeCodes.map(escapeRegExp).join('|')})/`)

/** The page answering "not found" (status 404) for a path: the locale's, or the root one. */
export function notFoundPage(urlPath: string): string {
  const locale = LOCALE_PATH.exec(urlPath)?.[1]
  return locale ? `/${locale}/404/index.html` : '/404.html'
}
