import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'

import { offers } from './data/offers'

/** The development login written to `data/dev-login.json` and printed by `npm start`. */
export interface DevLogin {
  password: string
  accounts: { email: string; role: string; organization?: string }[]
}

export function readDevLogin(dataDir: string): DevLogin | null {
  const file = path.join(dataDir, 'dev-login.json')
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DevLogin) : null
}

/** The organization with the most demo offers: the demo editor account belongs to it. */
function busiestOrganization(): string | undefined {
  const counts = new Map<string, number>()
  for (const o of offers) counts.set(o.organization, (counts.get(o.organization) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
}

/**
 * Makes sure someone can log in. With `ADMIN_EMAIL`/`ADMIN_PASSWORD` the first admin is
 * created from them. Without them, development gets a generated login (one account per role
 * for trying the permissions, all with the same printed password); production refuses, because
 * an empty user table would let the first visitor of /admin make themselves admin.
 */
export async function ensureFirstUsers(payload: Payload, options: { dataDir: string; production: boolean; demo: boolean }): Promise<'existing' | 'from-env' | 'dev-login'> {
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs > 0) return 'existing'
  const email = process.env.ADMIN_EMAIL
  const password = process.env.ADMIN_PASSWORD
  if (email && password) {
    await payload.create({ collection: 'users', data: { email, password, name: 'Administration', role: 'admin' } })
    return 'from-env'
  }
  if (options.production) {
    throw new Error('No user exists yet. Set ADMIN_EMAIL and ADMIN_PASSWORD (at least 12 characters) for the first admin account.')
  }
  const login: DevLogin = { password: randomBytes(12).toString('base64url'), accounts: [{ email: 'admin@lotse.local', role: 'admin' }] }
  const editorOrg = options.demo ? busiestOrganization() : undefined
  if (options.demo) {
    login.accounts.push({ email: 'presse@lotse.local', role: 'press' })
    if (editorOrg) login.accounts.push({ email: 'redaktion@lotse.local', role: 'editor', organization: editorOrg })
    login.accounts.push({ email: 'uebersetzung@lotse.local', role: 'translator' })
  }
  for (const account of login.accounts) {
    const org = account.organization ? (await payload.find({ collection: 'organizations', where: { slug: { equals: account.organization } }, limit: 1, depth: 0 })).docs[0]?.id : undefined
    await payload.create({
      collection: 'users',
      data: { email: account.email, password: login.password, name: `Demo (${account.role})`, role: account.role as 'admin', organization: org },
    })
  }
  mkdirSync(options.dataDir, { recursive: true })
  writeFileSync(path.join(options.dataDir, 'dev-login.json'), `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 })
  return 'dev-login'
}
