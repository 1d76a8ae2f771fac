import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { de } from '@payloadcms/translations/languages/de'
import { en } from '@payloadcms/translations/languages/en'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig, type CollectionConfig, type Config, type SanitizedConfig } from 'payload'

import { defaultLocale, locales } from '@lotse/translations'

import { Contacts } from './collections/Contacts'
import { Events } from './collections/Events'
import { Measures } from './collections/Measures'
import { Media } from './collections/Media'
import { Municipalities } from './collections/Municipalities'
import { Offers } from './collections/Offers'
import { Organizations } from './collections/Organizations'
import { Pages } from './collections/Pages'
import { Reports } from './collections/Reports'
import { Topics } from './collections/Topics'
import { Users } from './collections/Users'
import { Deploys } from './collections/Deploys'
import { Glossary } from './collections/Glossary'
import { SearchTerms } from './collections/SearchTerms'
import { FreshnessDigests } from './collections/FreshnessDigests'
import { ImportSources } from './collections/ImportSources'
import { similarEntriesEndpoint } from './duplicates/similar'
import { freshnessDigestTask } from './freshness/digest'
import { toCheckEndpoint } from './freshness/endpoints'
import { Freshness } from './globals/Freshness'
import { dailyRebuildTask, rebuildSiteTask } from './publish/job'
import { reclaimOnTick } from './publish/recover'
import { runJobsNow } from './publish/runner'
import { SystemState } from './globals/SystemState'
import { machineTranslateTask } from './translation/job'
import { MAX_UPLOAD_BYTES, pixelLimitedSharp } from './collections/Media'
import { harden } from './access/hardening'
import { checkRole, roles } from './access/roles'
import { databaseAdapter } from './lib/database'
import { smtpAdapter } from './lib/email'
import type { LotseEnv } from './lib/env'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/**
 * Builds the Payload config from resolved settings. Tests call it with a temporary database;
 * `payload.config.ts` calls it with the environment. The security baseline of STYLE.md is
 * applied here: no telemetry, no GraphQL, low depth, CSRF bound to `serverURL`, secure cookies
 * in production, uploads with an allow-list and a size limit.
 */
export function buildLotseConfig(env: LotseEnv): Promise<SanitizedConfig> {
  const secureCookies = env.production || env.serverURL.startsWith('https://')
  // The site's collections show their whole config in their files (drafts, the rebuild hooks,
  // endpoints, the preview button); only the media folder comes from the settings.
  const media: CollectionConfig = { ...Media, upload: { ...(typeof Media.upload === 'object' ? Media.upload : {}), staticDir: path.join(env.dataDir, 'media') } }
  const publicCollections = [Offers, Contacts, Events, Pages, Reports, Measures, Organizations, Municipalities, Topics, SearchTerms, media]
  const config: Config = {
    secret: env.secret,
    serverURL: env.serverURL,
    csrf: [env.serverURL],
    cors: [env.serverURL],
    telemetry: false,
    // Expected refusals (wrong password, access denied, invalid input) are the API answering,
    // not the server failing: log them quietly. `LOTSE_LOG_LEVEL` tunes the rest (tests: warn).
    loggingLevels: { AuthenticationError: 'info', Forbidden: 'info', NotFound: 'info', ValidationError: 'info', LockedAuth: 'info' },
    logger: { options: { level: process.env.LOTSE_LOG_LEVEL ?? 'info' } },
    graphQL: { disable: true },
    maxDepth: 2,
    defaultDepth: 1,
    db: databaseAdapter(env.databaseUri),
    editor: lexicalEditor(),
    // Without SMTP_URL Payload writes mail (password reset) to the log, as in development.
    ...(env.mail ? { email: smtpAdapter(env.mail) } : {}),
    sharp: pixelLimitedSharp(),
    upload: { limits: { fileSize: MAX_UPLOAD_BYTES } },
    admin: {
      user: Users.slug,
      avatar: 'default',
      dateFormat: 'dd.MM.yyyy HH:mm',
      meta: { titleSuffix: ' – Lotse' },
      importMap: { baseDir: dirname },
      components: {
        afterNavLinks: ['/components/TranslationNavLink#TranslationNavLink', '/components/ToCheckNavLink#ToCheckNavLink'],
        beforeDashboard: ['/components/SiteStatusDashboard#SiteStatusDashboard'],
        views: {
          translations: { Component: '/components/TranslationOverview#TranslationOverview', path: '/translations' },
          toCheck: { Component: '/components/ToCheck#ToCheck', path: '/to-check' },
          import: { Component: '/components/ImportView#ImportView', path: '/import' },
        },
      },
    },
    i18n: { supportedLanguages: { de, en }, fallbackLanguage: 'de' },
    localization: {
      locales: locales.map((l) => ({ code: l.code, label: { de: `${l.germanName} – ${l.endonym}`, en: `${l.englishName} – ${l.endonym}` }, rtl: l.dir === 'rtl' })),
      defaultLocale,
      fallback: true,
    },
    collections: [
      ...publicCollections,
      Glossary,
      Deploys,
      FreshnessDigests,
      ImportSources,
      { ...Users, auth: { ...(typeof Users.auth === 'object' ? Users.auth : {}), cookies: { sameSite: 'Lax', secure: secureCookies } } },
    ],
    globals: [SystemState, Freshness],
    endpoints: [toCheckEndpoint, similarEntriesEndpoint],
    jobs: {
      tasks: [machineTranslateTask, rebuildSiteTask, dailyRebuildTask, freshnessDigestTask],
      enableConcurrencyControl: true,
      // Jobs run inside the CMS process every 2 s, so a publish waits at most that long before
      // its build starts (a cheap query). `LOTSE_JOBS=off` leaves them to `npm run worker`.
      autoRun: [{ cron: '*/2 * * * * *', limit: 10, queue: 'default' }],
      // Read on every tick (the supervisor turns jobs off when stopping). Each tick also takes
      // back site builds whose lease ran out (publish/recover.ts): Payload 3 has no job leases.
      // The tick runs the queue itself, in the one chain a publish also uses to start its build
      // at once (publish/runner.ts), and tells Payload's own run to skip.
      shouldAutoRun: async (payload) => {
        if (process.env.LOTSE_JOBS === 'off') return false
        await reclaimOnTick(payload)
        await runJobsNow(payload)
        return false
      },
      // Jobs run by the worker only (Local API); over REST nobody runs or cancels them but admins
      // cancel. Queueing stays Payload's default (signed in): scheduled publishing queues a job
      // that later runs with the scheduler's own rights.
      access: { run: () => false, cancel: ({ req }) => checkRole(req.user, ['admin']) },
      // Editors see queued, running and failed jobs (with the reason) in the admin.
      jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
        ...defaultJobsCollection,
        access: { ...defaultJobsCollection.access, read: ({ req }) => checkRole(req.user, roles) },
        admin: { ...defaultJobsCollection.admin, hidden: ({ user }) => !user, group: { de: 'Übersetzung', en: 'Translation' } },
      }),
    },
    typescript: { outputFile: path.resolve(dirname, 'payload-types.ts'), autoGenerate: false },
  }
  return buildConfig(config).then(harden)
}
