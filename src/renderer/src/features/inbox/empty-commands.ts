/**
 * The commands the empty inbox offers to paste. Values are quoted for a POSIX shell.
 */
import { shellArg } from '../../../../shared/shell-quote'

/** `kyc-hooks send` signs with the Workbench's API secret, so the capture verifies. */
export function sendExample(url: string): string {
  return `kyc-hooks send submission.completed --to ${shellArg(url)}`
}

/** A plain curl POST; with a CA path it trusts the local CA instead of skipping TLS checks. */
export function curlExample(url: string, caPath: string | null): string {
  const body = '{"event":"submission.completed","timestamp":"2025-01-15T10:30:00Z","data":{"submissionId":"sub_123"},"tenantId":"tenant_1"}'
  const tls = caPath ? ` --cacert ${shellArg(caPath)}` : ''
  return `curl${tls} -X POST ${shellArg(url)} -H 'Content-Type: application/json' -d ${shellArg(body)}`
}
