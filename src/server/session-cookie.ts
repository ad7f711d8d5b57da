/**
 * The served UI's session cookie: lets more tabs of the same browser in (a bookmark of
 * `/#/compose`, a link opened in a new tab) after the token URL was opened once, without
 * putting the token itself in a cookie or back in the address bar.
 *
 * Why it stays as safe as the token:
 * - Its value is a second random secret made per run, so it dies with the server, and
 *   HttpOnly keeps page scripts (and anything injected into them) from reading it.
 * - No Max-Age/Expires: a session cookie, gone when the browser session ends.
 * - SameSite=Strict: no other site can make the browser send it (no cross-site form POST,
 *   image, link or socket carries it).
 * - Cookies ignore ports, so its name carries the port: two `serve` runs on one host do not
 *   overwrite each other's cookie.
 * - A request that rests on the cookie alone must also carry an Origin naming this server
 *   (browsers send Origin on every POST and WebSocket upgrade); the Host/Origin checks that
 *   stop DNS rebinding run before any of this, and contract calls still need a JSON body.
 */
import { newToken, tokenMatches } from './access'

export interface SessionCookie {
  /** `kyc_hooks_session_<port>`. */
  readonly name: string
  /** The `Set-Cookie` value that hands this run's session to a browser. */
  setCookieHeader(): string
  /** True when the request's Cookie header carries this run's session. */
  presentIn(cookieHeader: string | undefined): boolean
}

/** The cookie's name for a server on `port` (cookies are shared across ports of one host). */
export function sessionCookieName(port: number): string {
  return `kyc_hooks_session_${port}`
}

/** The values of `name` in a Cookie header (a browser may send a name more than once). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return []
  const values: string[] = []
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    if (part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim())
  }
  return values
}

/** A fresh session for one run of the server on `port`. */
export function createSessionCookie(port: number, value: string = newToken()): SessionCookie {
  const name = sessionCookieName(port)
  return {
    name,
    setCookieHeader() {
      return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict`
    },
    presentIn(cookieHeader) {
      return cookieValues(cookieHeader, name).some((given) => tokenMatches(value, given))
    }
  }
}
