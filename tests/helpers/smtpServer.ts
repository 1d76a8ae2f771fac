import { createServer, type Server } from 'node:net'

export interface ReceivedMail {
  from: string
  to: string[]
  /** Headers and body as sent (MIME), and decoded for reading. */
  raw: string
  subject: string
  text: string
}

/** Quoted-printable (RFC 2045) to text: soft line breaks out, `=XX` bytes decoded as UTF-8. */
function decodeQuotedPrintable(input: string): string {
  const bytes = input.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`)
  try {
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'))
  } catch {
    return bytes
  }
}

/** Encoded words in headers (RFC 2047), as nodemailer writes non-ASCII subjects. */
function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([qb])\?(.*?)\?=\s*/gi, (_, kind: string, text: string) =>
    kind.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  )
}

/**
 * A mail server for tests: speaks just enough SMTP (RFC 5321: EHLO, MAIL, RCPT, DATA, QUIT) for
 * nodemailer, without TLS or authentication, and keeps what it receives. `refuse` makes it
 * answer every message with a permanent error, as a misconfigured relay would.
 */
export async function startSmtpServer(options: { refuse?: boolean } = {}): Promise<{ port: number; mails: ReceivedMail[]; close: () => Promise<void> }> {
  const mails: ReceivedMail[] = []
  const server: Server = createServer((socket) => {
    let buffer = ''
    let inData = false
    let current: { from: string; to: string[] } = { from: '', to: [] }
    const reply = (line: string) => socket.write(`${line}\r\n`)
    reply('220 test-smtp ready')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n')
          if (end < 0) return
          const raw = buffer.slice(0, end).replace(/^\.\./gm, '.')
          buffer = buffer.slice(end + 5)
          inData = false
          if (options.refuse) {
            reply('554 5.7.1 Relay access denied')
            continue
          }
          const [head = '', ...body] = raw.split('\r\n\r\n')
          const subject = decodeHeader(/^Subject: (.*(?:\r\n[ \t].*)*)/im.exec(head)?.[1]?.replace(/\r\n[ \t]/g, ' ') ?? '')
          mails.push({ ...current, raw, subject, text: decodeQuotedPrintable(body.join('\r\n\r\n')) })
          reply('250 2.0.0 queued')
          continue
        }
        const newline = buffer.indexOf('\r\n')
        if (newline < 0) return
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 2)
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO' || verb === 'HELO') {
          reply('250-test-smtp\r\n250 8BITMIME')
        } else if (verb === 'MAIL') {
          current = { from: /<(.*)>/.exec(line)?.[1] ?? '', to: [] }
          reply('250 2.1.0 OK')
        } else if (verb === 'RCPT') {
          current.to.push(/<(.*)>/.exec(line)?.[1] ?? '')
          reply('250 2.1.5 OK')
        } else if (verb === 'DATA') {
          inData = true
          reply('354 end with <CRLF>.<CRLF>')
        } else if (verb === 'QUIT') {
          reply('221 bye')
          socket.end()
        } else if (verb === 'RSET' || verb === 'NOOP') {
          reply('250 OK')
        } else {
          reply('502 5.5.2 not implemented')
        }
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
