/**
 * What the Platform screen computes, as pure functions (unit-tested in Node): the curl lines
 * to start with, and the words for states.
 */
import { shellArg as shellQuote } from '../../../../shared/shell-quote'

export interface CurlLine {
  label: string
  command: string
}

const KEY_PLACEHOLDER = 'YOUR_API_KEY'

/**
 * Copy-paste curl lines for a running mock API. `$INV`, `$SUB` and `$MATCH` are the ids the
 * earlier lines print, so the lines read as one session.
 */
export function curlLines(baseUrl: string, apiKey: string | null): CurlLine[] {
  const key = `-H ${shellQuote(`X-API-Key: ${apiKey ?? KEY_PLACEHOLDER}`)}`
  const json = `-H 'Content-Type: application/json'`
  const url = (path: string) => shellQuote(`${baseUrl}${path}`)
  return [
    {
      label: 'Create an invitation (emits invitation.sent)',
      command: `curl -s -X POST ${url('/invitations')} ${key} ${json} -d '{"customerEmail":"john.doe@example.com","workflowName":"Basic KYC"}'`
    },
    { label: 'List invitations', command: `curl -s ${url('/invitations')} ${key}` },
    {
      label: 'The customer completes it, with an AML hit (mock only)',
      command: `curl -s -X POST "${baseUrl}/simulate/invitations/$INV/complete" ${key} ${json} -d '{"aml":"match"}'`
    },
    { label: 'List completed submissions', command: `curl -s ${url('/submissions?status=completed&limit=20')} ${key}` },
    {
      label: 'Approve the submission (emits submission.approved)',
      command: `curl -s -X PATCH "${baseUrl}/submissions/$SUB" ${key} ${json} -d '{"status":"approved"}'`
    },
    { label: 'OpenAPI 3.1 (no key needed: import into Postman, Bruno or Insomnia)', command: `curl -s ${url('/openapi.json')}` }
  ]
}

/** "sent" → tone and words for the invitation badge. */
export function invitationTone(status: string): 'ok' | 'warn' | 'bad' | 'info' | 'neutral' {
  switch (status) {
    case 'completed':
      return 'ok'
    case 'expired':
      return 'warn'
    case 'cancelled':
      return 'neutral'
    default:
      return 'info'
  }
}

export function submissionTone(status: string): 'ok' | 'warn' | 'bad' | 'info' | 'neutral' {
  switch (status) {
    case 'approved':
      return 'ok'
    case 'rejected':
      return 'bad'
    case 'in_review':
      return 'warn'
    default:
      return 'info'
  }
}

/** A decision is final: approve and reject are offered until one is made. */
export function canDecide(status: string): boolean {
  return status !== 'approved' && status !== 'rejected'
}

/** "09:33:29": the log's time column; the full date is in the cell's title. */
export function clockTime(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })
}
