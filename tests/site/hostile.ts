/**
 * Requests an attacker or a broken client sends, shared by the fuzz test (built-in server) and
 * the serving test (built-in server and nginx). Each must be refused with a 4xx answer, leak
 * nothing outside the release, and leave the server answering the next reader. Raw bytes
 * (latin1): most of these cannot be sent through an HTTP library.
 */
export interface HostileRequest {
  name: string
  raw: string
}

const get = (target: string, headers = 'Host: lotse.test\r\n') => `GET ${target} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`

export const HOSTILE_REQUESTS: readonly HostileRequest[] = [
  // `new URL('//:', base)` threw in the request handler and ended the process (issue 8, item 2).
  { name: 'GET //: (once ended the process)', raw: get('//:') },
  { name: 'a lone percent sign', raw: get('/%') },
  { name: 'a percent sign without hex digits', raw: get('/de/%zz/') },
  { name: 'a truncated percent escape', raw: get('/de/%4') },
  { name: 'encoded slashes climbing out of the root', raw: get('/..%2f..%2fetc/passwd') },
  { name: 'encoded dots climbing out of the root', raw: get('/%2e%2e/%2e%2e/etc/passwd') },
  { name: 'plain dots climbing out of the root', raw: get('/../../etc/passwd') },
  { name: 'dots after a folder climbing out of the root', raw: get('/de/../../etc/passwd') },
  { name: 'an encoded NUL byte', raw: get('/de/index.html%00.png') },
  { name: 'a raw NUL byte', raw: get('/de/\0') },
  { name: 'a raw space in the path', raw: get('/de/a b/') },
  { name: 'a raw DEL byte', raw: get('/de/\x7f') },
  { name: 'an overlong URL (9 KB)', raw: get(`/${'a'.repeat(9_000)}`) },
  { name: 'an asterisk target', raw: get('*') },
  { name: 'a relative target', raw: get('de/') },
  { name: 'POST with a body', raw: 'POST /de/ HTTP/1.1\r\nHost: lotse.test\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello' },
  { name: 'OPTIONS', raw: 'OPTIONS /de/ HTTP/1.1\r\nHost: lotse.test\r\nConnection: close\r\n\r\n' },
  { name: 'DELETE', raw: 'DELETE /de/ HTTP/1.1\r\nHost: lotse.test\r\nConnection: close\r\n\r\n' },
  { name: 'HTTP/1.1 without Host', raw: 'GET /de/ HTTP/1.1\r\nConnection: close\r\n\r\n' },
  { name: 'an unknown HTTP version', raw: 'GET /de/ HTTP/7.3\r\nHost: lotse.test\r\nConnection: close\r\n\r\n' },
  { name: 'a header line without a colon', raw: get('/de/', 'Host: lotse.test\r\nthis is not a header\r\n') },
  { name: 'a NUL byte in a header value', raw: get('/de/', 'Host: lotse.test\r\nX-Test: a\0b\r\n') },
  { name: 'headers of 40 KB', raw: get('/de/', `Host: lotse.test\r\nX-Big: ${'x'.repeat(40_000)}\r\n`) },
  { name: 'a broken chunked body', raw: 'GET /de/ HTTP/1.1\r\nHost: lotse.test\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nhello\r\n0\r\n\r\n' },
  {
    name: 'both Content-Length and Transfer-Encoding (request smuggling)',
    raw: 'POST /de/ HTTP/1.1\r\nHost: lotse.test\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n',
  },
  { name: 'a hidden file (the release marker)', raw: get('/.lotse-release.json') },
  { name: 'an upload with an HTML name (a PNG with a script appended)', raw: get('/media/cover.html') },
]

/** Text that must never appear in an answer: the system's password file. */
export const LEAK = /root:.*:0:0:/
