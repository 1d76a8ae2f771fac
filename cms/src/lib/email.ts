import nodemailer from 'nodemailer'
import type { EmailAdapter } from 'payload'

/** Outgoing mail settings (`SMTP_URL`, `MAIL_FROM`); null when no mail server is configured. */
export interface MailSettings {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  smtpUrl: string
  /** Sender address, with an optional name: `Lotse Landkreis Wittmund <lotse@lk.wittmund.de>`. */
  fromAddress: string
  fromName: string
}

/**
 * Reads `SMTP_URL` and `MAIL_FROM`. Mail goes through the county's own SMTP server (no
 * third-party mail service, DSGVO). Errors name the variable, so a misconfigured server does
 * not first show up as a password reset that never arrives.
 */
export function readMailSettings(environment: Record<string, string | undefined> = process.env): MailSettings | null {
  const smtpUrl = environment.SMTP_URL?.trim()
  if (!smtpUrl) return null
  let url: URL
  try {
    url = new URL(smtpUrl)
  } catch {
    throw new Error('SMTP_URL is not a URL; expected smtp://user:password@host:587 or smtps://user:password@host:465.')
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}//".`)
  }
  const from = environment.MAIL_FROM?.trim()
  if (!from) throw new Error('MAIL_FROM is not set; with SMTP_URL it names the sender, e.g. "Lotse <lotse@example.org>".')
  const match = /^(?:(.*?)\s*<([^<>\s]+@[^<>\s]+)>|([^<>\s]+@[^<>\s]+))$/.exec(from)
  if (!match) throw new Error(`MAIL_FROM must be an e-mail address, optionally with a name ("Lotse <lotse@example.org>"), got "${from}".`)
  return { smtpUrl, fromAddress: (match[2] ?? match[3])!, fromName: match[1]?.replace(/^"|"$/g, '') || 'Lotse' }
}

/**
 * Payload's e-mail adapter over nodemailer's SMTP transport. (Payload's own nodemailer adapter
 * is not published for the Payload version pinned here, and all `@payloadcms/*` packages stay
 * in lockstep; the adapter interface is three fields and one function.)
 */
export function smtpAdapter(settings: MailSettings): EmailAdapter {
  const transport = nodemailer.createTransport(settings.smtpUrl)
  return () => ({
    name: 'smtp',
    defaultFromAddress: settings.fromAddress,
    defaultFromName: settings.fromName,
    sendEmail: async (message) => {
      const from = message.from ?? { name: settings.fromName, address: settings.fromAddress }
      return transport.sendMail({ ...message, from })
    },
  })
}
