/**
 * Which URLs the mock Smart KYC may deliver to. Smart KYC itself only delivers to HTTPS
 * URLs; the one exception we allow, and only when asked, is plain http:// to a host that
 * can only be this machine (a local handler under development).
 */
import { badInput } from '../../shared/errors'
import { isLocalHost } from '../../shared/http-rules'

export { isLocalHost }

export interface UrlPolicyOptions {
  /** Allow http:// when the host is localhost, *.localhost, 127.0.0.0/8 or ::1. */
  allowLocalHttp: boolean
}

/**
 * Parses and checks a delivery URL. Throws a `bad-input` WorkbenchError that names the URL
 * and says what to do when it is not an allowed target; returns the parsed URL otherwise.
 */
export function checkTargetUrl(raw: string, options: UrlPolicyOptions): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw badInput(`${raw} is not a valid URL: write it in full, e.g. https://example.com/webhooks/smart-kyc`)
  }
  if (url.username || url.password) {
    throw badInput(
      `${raw} has a user name or password in it: Smart KYC sends credentials as custom headers; ` +
        'remove them from the URL and add an Authorization header instead'
    )
  }
  if (url.protocol === 'https:') return url
  if (url.protocol !== 'http:') {
    throw badInput(`${raw} is not an HTTPS URL (${url.protocol.replace(/:$/, '')}): Smart KYC only delivers to HTTPS URLs; use https://`)
  }
  if (!options.allowLocalHttp) {
    throw badInput(
      `${raw} is not HTTPS: Smart KYC only delivers to HTTPS URLs; use https:// or, for a local handler, allow http://localhost`
    )
  }
  if (!isLocalHost(url.hostname)) {
    throw badInput(
      `${raw} is not HTTPS and ${url.hostname} is not this machine: plain http:// is allowed only for localhost, ` +
        '*.localhost, 127.0.0.0/8 and ::1; use https:// for any other host'
    )
  }
  return url
}
