/**
 * How `send`, `replay` and `deliveries resend` report a SendResult: one block (or one JSON
 * line) per delivery, and whether every delivery got a 2xx.
 */
import type { Delivery } from '../shared/models'
import { printJsonLine, printLine, snippet } from './output'

/** The parts of a SendResult the report needs. */
export interface SendOutcome {
  messageId: string
  signature: string
  deliveries: Delivery[]
}

/** True when the delivery's last attempt got a 2xx answer. */
export function isSuccess(delivery: Delivery): boolean {
  return delivery.status === 'success'
}

/** The JSON line for one delivery of a send (documented fields: scripts rely on them). */
export function deliveryJson(result: SendOutcome, d: Delivery): Record<string, unknown> {
  return {
    messageId: result.messageId,
    deliveryId: d.id,
    status: d.status,
    responseCode: d.lastResponseCode,
    signature: result.signature,
    url: d.url,
    event: d.event,
    attempts: d.attemptCount,
    responseBody: d.lastResponse,
    error: d.lastError,
    nextAttemptAt: d.nextAttemptAt
  }
}

/** Prints the outcome and returns true when every delivery succeeded. */
export function printSendOutcome(result: SendOutcome, json: boolean): boolean {
  for (const d of result.deliveries) {
    if (json) {
      printJsonLine(deliveryJson(result, d))
      continue
    }
    const verdict = isSuccess(d) ? 'OK' : 'FAILED'
    printLine(`${verdict}  ${d.lastResponseCode ?? '---'}  ${d.url}`)
    printLine(`  delivery:  ${d.id} (message ${result.messageId}, ${d.status})`)
    printLine(`  signature: ${result.signature}`)
    if (d.lastError) printLine(`  error:     ${d.lastError}`)
    if (d.lastResponse) printLine(`  response:  ${snippet(d.lastResponse)}`)
    if (d.status === 'pending' && d.nextAttemptAt) {
      // One-shot commands make one attempt; the retry schedule lives in the shared database.
      printLine(`  next retry ${d.nextAttemptAt}: it runs while the desktop app or \`kyc-hooks serve\` is running`)
    }
  }
  return result.deliveries.length > 0 && result.deliveries.every(isSuccess)
}
