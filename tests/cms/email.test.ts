import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { readMailSettings } from '@lotse/cms/email'

import { createTestCms, type TestCms } from '../helpers/payload'
import { startSmtpServer } from '../helpers/smtpServer'

/**
 * Password reset by e-mail through the county's SMTP server (`SMTP_URL`, `MAIL_FROM`), against
 * a local SMTP server: the mail arrives in German with a working link, and a server that
 * refuses the mail is an error the editor sees, with the password unchanged.
 */
describe('mail settings', () => {
  it('name the variable that is wrong', () => {
    expect(readMailSettings({})).toBeNull()
    expect(() => readMailSettings({ SMTP_URL: 'ftp://mail.example.org' })).toThrow(/SMTP_URL must start with smtp:\/\/ or smtps:\/\//)
    expect(() => readMailSettings({ SMTP_URL: 'smtp://mail.example.org:587' })).toThrow(/MAIL_FROM is not set/)
    expect(() => readMailSettings({ SMTP_URL: 'smtp://mail.example.org:587', MAIL_FROM: 'Lotse' })).toThrow(/MAIL_FROM must be an e-mail address/)
    expect(readMailSettings({ SMTP_URL: 'smtps://u:p@mail.example.org:465', MAIL_FROM: 'Lotse Wittmund <lotse@lk.wittmund.de>' })).toEqual({
      smtpUrl: 'smtps://u:p@mail.example.org:465',
      fromAddress: 'lotse@lk.wittmund.de',
      fromName: 'Lotse Wittmund',
    })
  })
})

describe('password reset by e-mail', () => {
  let cms: TestCms
  let payload: Payload
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let refusing: Awaited<ReturnType<typeof startSmtpServer>>
  const email = 'sozialarbeit@lotse.test'
  const password = 'altes-passwort-2026'

  beforeAll(async () => {
    smtp = await startSmtpServer()
    refusing = await startSmtpServer({ refuse: true })
    cms = await createTestCms({ mail: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, fromAddress: 'lotse@lk.wittmund.test', fromName: 'Lotse Wittmund' } })
    payload = cms.payload
    await payload.create({ collection: 'users', data: { email, password, name: 'Frau Janssen', role: 'editor' } as never })
  }, 60_000)

  afterAll(async () => {
    await cms?.cleanup()
    await smtp?.close()
    await refusing?.close()
  })

  it('sends a German reset mail whose link sets a new password', async () => {
    await payload.forgotPassword({ collection: 'users', data: { email } })
    const mail = await smtp.nthMail(1)
    expect(smtp.mails).toHaveLength(1)
    expect(mail.from).toBe('lotse@lk.wittmund.test')
    expect(mail.to).toEqual([email])
    expect(mail.headers.get('from')).toMatchObject({ value: [{ name: 'Lotse Wittmund', address: 'lotse@lk.wittmund.test' }] })
    expect(mail.subject).toBe('Lotse: Passwort zurücksetzen / Reset your password')
    expect(mail.text).toContain('für Ihr Konto bei Lotse wurde ein neues Passwort angefordert')
    const token = /<a href="http:\/\/localhost:3000\/admin\/reset\/([\w%-]+)">/.exec(mail.html)?.[1]
    expect(token).toBeTruthy()

    await payload.resetPassword({ collection: 'users', data: { token: decodeURIComponent(token!), password: 'neues-passwort-2026' }, overrideAccess: true })
    await expect(payload.login({ collection: 'users', data: { email, password } })).rejects.toThrow()
    const login = await payload.login({ collection: 'users', data: { email, password: 'neues-passwort-2026' } })
    expect(login.user?.email).toBe(email)
  })

  it('sends at most one reset mail per address and minute, answering 429 to the next request', async () => {
    const before = smtp.mails.length
    const other = 'presse-drossel@lotse.test'
    await payload.forgotPassword({ collection: 'users', data: { email: other } })
    await expect(payload.forgotPassword({ collection: 'users', data: { email: ` ${other.toUpperCase()} ` } })).rejects.toMatchObject({ status: 429 })
    // The throttle does not tell whether an account exists: the unknown address got no mail either.
    expect(smtp.mails.length).toBe(before)
  })

  it('says so when the mail server refuses, and leaves the password as it was', async () => {
    const strict = await createTestCms({ mail: { smtpUrl: `smtp://127.0.0.1:${refusing.port}`, fromAddress: 'lotse@lk.wittmund.test', fromName: 'Lotse' } })
    try {
      await strict.payload.create({ collection: 'users', data: { email, password, name: 'Frau Janssen', role: 'editor' } as never })
      await expect(strict.payload.forgotPassword({ collection: 'users', data: { email } })).rejects.toThrow(/Relay access denied/)
      const login = await strict.payload.login({ collection: 'users', data: { email, password } })
      expect(login.user?.email).toBe(email)
    } finally {
      await strict.cleanup()
    }
  })
})
