/**
 * An endpoint as the engine accepts it: the EndpointInput shape plus the rules zod's field
 * types cannot say (an HTTPS URL, or http:// to this machine when allowed; custom headers
 * that are valid, not reserved, not connection-level). The engine's endpoints service and
 * the endpoint form both safeParse this one schema, so they refuse the same things with the
 * same words, and each issue's path names the field it belongs beside.
 */
import { customHeaderProblem, targetUrlProblem } from './http-rules'
import { EndpointInput } from './models'

/** Enough of the value is well typed for the URL and header rules to say something useful. */
function rulesApply(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  return typeof v.url === 'string' && v.url.trim() !== '' && Array.isArray(v.headers)
}

export const CheckedEndpointInput = EndpointInput.superRefine(
  (endpoint, ctx) => {
    // The URL first, then the headers in order: the engine reports the first issue.
    const urlProblem = targetUrlProblem(endpoint.url.trim(), endpoint.allowLocalHttp === true)
    if (urlProblem) ctx.addIssue({ code: 'custom', message: urlProblem, path: ['url'] })
    endpoint.headers.forEach((pair, i) => {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') return
      const problem = customHeaderProblem(pair)
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['headers', i] })
    })
  },
  // Run beside other fields' issues (a blank name), so a form shows every problem at once.
  { when: (payload) => rulesApply(payload.value) }
)
