/**
 * A mail server for tests: `smtp-server` receives, `mailparser` decodes (MIME parts,
 * quoted-printable, base64, encoded-word headers), so a test reads what a mail client shows.
 */
import { once, EventEmitter } from 'node:events'

import { simpleParser, type Headers } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  /** Envelope sender (`MAIL FROM`); the `From` header with its display name is in `headers`. */
  from: string
  /** Envelope recipients (`RCPT TO`), Bcc included. */
  to: string[]
  subject: string
  /** The plain-text part, or the HTML converted to text when the mail has none. */
  text: string
  /** The HTML part, empty when the mail has none. */
  html: string
  headers: Headers
}

export interface TestSmtpServer {
  port: number
  /** Every accepted mail in order; a mail is here before the server accepts it, so before the sender's `sendMail` resolves. */
  mails: ReceivedMail[]
  /** The n-th mail (1-based), waiting for it when it has not arrived yet. */
  nthMail: (n: number, timeoutMs?: number) => Promise<ReceivedMail>
  close: () => Promise<void>
}

/**
 * Starts a server on a free port of 127.0.0.1. Plain SMTP without authentication, as the test
 * CMS's `SMTP_URL` (`smtp://127.0.0.1:port`) expects: nodemailer upgrades to STARTTLS whenever
 * it is offered and would then reject the server's self-signed certificate. `refuse` answers
 * every recipient with a permanent error, as a misconfigured relay would. `port` takes the port
 * of a server closed before (a sender configured once meets a refusing, then an accepting one).
 */
export async function startSmtpServer(options: { refuse?: boolean; port?: number } = {}): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = []
  const arrived = new EventEmitter()
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    // Senders hang up after each mail; one that does not is cut off after a second on close.
    closeTimeout: 1000,
    onRcptTo(_address, _session, callback) {
      callback(options.refuse ? Object.assign(new Error('5.7.1 Relay access denied'), { responseCode: 554 }) : null)
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: parsed.html || '',
          headers: parsed.headers,
        })
        arrived.emit('mail')
        callback()
      }, callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const address = server.server.address()
  if (!address || typeof address === 'string') throw new Error('The test SMTP server has no TCP port.')

  return {
    port: address.port,
    mails,
    async nthMail(n, timeoutMs = 5000) {
      const signal = AbortSignal.timeout(timeoutMs)
      while (mails.length < n) {
        await once(arrived, 'mail', { signal }).catch(() => {
          throw new Error(`Expected mail ${n} within ${timeoutMs} ms; ${mails.length} arrived.`)
        })
      }
      return mails[n - 1]!
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}
