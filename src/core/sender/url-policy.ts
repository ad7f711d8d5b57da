/**
 * Which URLs the mock Smart KYC may deliver to. Smart KYC itself only delivers to HTTPS
 * URLs; the one exception we allow, and only when asked, is plain http:// to a host that
 * can only be this machine (a local handler under development).
 */
import { badInput } from '../../shared/errors'
import { isLocalHost, targetUrlProblem } from '../../shared/http-rules'

export { isLocalHost }

export interface UrlPolicyOptions {
  /** Allow http:// when the host is localhost, *.localhost, 127.0.0.0/8 or ::1. */
  allowLocalHttp: boolean
}

/**
 * Parses and checks a delivery URL. Throws a `bad-input` WorkbenchError that names the URL
 * and says what to do when it is not an allowed target (the words live in src/shared, so
 * the forms say the same); returns the parsed URL otherwise.
 */
export function checkTargetUrl(raw: string, options: UrlPolicyOptions): URL {
  const problem = targetUrlProblem(raw, options.allowLocalHttp)
  if (problem) throw badInput(problem)
  return new URL(raw)
}
