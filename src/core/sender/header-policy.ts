/**
 * Rules for the custom headers a user attaches to an endpoint or an ad-hoc target, and
 * the standard header set every delivery starts with. The standard headers are what a
 * receiver verifies, so custom headers may add to them but never replace them.
 */
import { badInput } from '../../shared/errors'
import { customHeaderProblem, headerPairProblem, isConnectionManaged } from '../../shared/http-rules'
import { SIGNATURE_HEADER, type HeaderPair } from '../../shared/models'
import { USER_AGENT } from '../version'

export { isConnectionManaged }

/** Throws a `bad-input` error naming the header when a name or value could not travel as-is. */
export function checkHeaderPair(pair: HeaderPair): void {
  const problem = headerPairProblem(pair)
  if (problem) throw badInput(problem)
}

/** Validates a user's custom headers: valid tokens and values, nothing reserved or hop-by-hop (the rules live in src/shared). */
export function checkCustomHeaders(headers: HeaderPair[]): void {
  for (const pair of headers) {
    const problem = customHeaderProblem(pair)
    if (problem) throw badInput(problem)
  }
}

/**
 * The headers of a standard delivery, in Smart KYC's order: Content-Type, the signature,
 * User-Agent, then the custom headers. A custom User-Agent takes the standard one's place
 * rather than sending two.
 */
export function standardHeaders(signature: string | null, custom: HeaderPair[]): HeaderPair[] {
  const customAgent = custom.find(([name]) => name.toLowerCase() === 'user-agent')
  const out: HeaderPair[] = [['Content-Type', 'application/json']]
  if (signature !== null) out.push([SIGNATURE_HEADER, signature])
  out.push(customAgent ?? ['User-Agent', USER_AGENT])
  for (const pair of custom) if (pair !== customAgent) out.push(pair)
  return out
}
