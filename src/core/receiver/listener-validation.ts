/**
 * Checks on a listener's configuration that the zod schema cannot express, so a bad
 * value is refused when saved (with words) instead of failing on the first request.
 */
import { badInput } from '../../shared/errors'
import { replyHeaderProblem } from '../../shared/http-rules'
import type { ListenerConfig } from './types'

/** Throws a bad-input WorkbenchError naming the first invalid field. */
export function checkListenerConfig(config: Pick<ListenerConfig, 'forwardTo' | 'rule' | 'host'>): void {
  if (config.host.trim() !== config.host || /[\s/]/.test(config.host)) {
    throw badInput(`host ${JSON.stringify(config.host)} is not a host name or address: use e.g. 127.0.0.1, localhost or 0.0.0.0`)
  }
  if (config.forwardTo !== null) {
    let url: URL
    try {
      url = new URL(config.forwardTo)
    } catch {
      throw badInput(`forwardTo ${JSON.stringify(config.forwardTo)} is not a URL: use e.g. http://localhost:3000/webhooks`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw badInput(`forwardTo ${JSON.stringify(config.forwardTo)} must be an http:// or https:// URL, e.g. http://localhost:3000/webhooks`)
    }
  }
  // The rule the listener form checks too (ReplyHeaders in src/shared/models).
  for (const pair of config.rule.headers) {
    const problem = replyHeaderProblem(pair)
    if (problem) throw badInput(problem)
  }
}
