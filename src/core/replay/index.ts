/**
 * replay.capture: send a captured webhook again, to a local handler under development.
 *
 * - as-is: the captured bytes with the captured headers (the original X-SmartKYC-Signature
 *   included), minus the connection-level ones the HTTP client sets itself.
 * - resign: the same bytes and headers, the signature recomputed with a chosen secret.
 * - edited: new body text (its UTF-8 bytes), the captured headers or headers the user
 *   edited, and a fresh signature.
 *
 * Each replay is an outbox message with origin `replay-capture` and the capture's id, so
 * the delivery log links back to what was replayed.
 */
import type { MethodParsedInput } from '../../shared/contract'
import { badInput } from '../../shared/errors'
import { SIGNATURE_HEADER, type Capture, type HeaderPair } from '../../shared/models'
import { isConnectionManaged, type DeliverArgs, type SendResult } from '../sender'
import { checkHeaderPair } from '../sender/header-policy'
import { sign } from '../signing'
import type { ServiceOf } from '../../shared/workbench-api'

export interface ReplayDeps {
  getCapture(id: string): Promise<Capture>
  sender: { deliver(args: DeliverArgs): Promise<SendResult> }
  credentials: { currentSecret(): string | null }
}

type ReplayInput = MethodParsedInput<'replay.capture'>

const isSignatureHeader = ([name]: HeaderPair): boolean => name.toLowerCase() === SIGNATURE_HEADER.toLowerCase()

/** The captured headers a replay may send: everything but connection-level headers. */
export function replayableHeaders(headers: HeaderPair[]): HeaderPair[] {
  return headers.filter(([name]) => !isConnectionManaged(name))
}

/**
 * The captured headers with the signature set to `signature`: every signature header the
 * capture had is replaced in place (the first keeps its position, extra copies go), or one
 * is added after Content-Type (or first) when the capture had none.
 */
export function withSignature(headers: HeaderPair[], signature: string): HeaderPair[] {
  const out: HeaderPair[] = []
  let placed = false
  for (const pair of headers) {
    if (!isSignatureHeader(pair)) out.push(pair)
    else if (!placed) {
      out.push([pair[0], signature])
      placed = true
    }
  }
  if (!placed) {
    const afterType = out.findIndex(([name]) => name.toLowerCase() === 'content-type') + 1
    out.splice(afterType, 0, [SIGNATURE_HEADER, signature])
  }
  return out
}

/** The `event` of a JSON body, when it has a string one. */
function eventOf(text: string): string | null {
  try {
    const value: unknown = JSON.parse(text)
    if (value && typeof value === 'object' && typeof (value as { event?: unknown }).event === 'string') {
      return (value as { event: string }).event
    }
  } catch {
    // Not JSON: an edited body may be anything the user wants to test with.
  }
  return null
}

export function createReplayService(deps: ReplayDeps): ServiceOf<'replay'> {
  const secretFor = (input: ReplayInput): string => {
    const secret = input.secret ?? deps.credentials.currentSecret()
    if (!secret) {
      throw badInput(
        `replay mode ${input.mode} signs the body, but there is no API secret yet: create credentials ` +
          '(kyc-hooks credentials create) or pass a secret'
      )
    }
    return secret
  }

  return {
    async capture(input) {
      const capture = await deps.getCapture(input.id)
      const captured = Buffer.from(capture.bodyBase64, 'base64')
      if (input.mode !== 'edited' && capture.bodyTruncated) {
        throw badInput(
          `capture ${capture.id} kept only the first ${captured.length} bytes of its body (it was over the listener's limit), ` +
            'so it cannot be replayed exactly: raise the listener body limit and capture it again, or replay it edited'
        )
      }
      if (input.headers !== undefined && input.mode !== 'edited') {
        throw badInput(`replay mode ${input.mode} sends the captured headers: choose mode edited to send other headers`)
      }
      // Edited headers are checked like any header a user types: a bad one is named, not sent.
      for (const pair of input.headers ?? []) checkHeaderPair(pair)
      const headers = replayableHeaders(input.headers ?? capture.headers)
      let body = captured
      let event = capture.event
      let signature: string | null
      let sent: HeaderPair[]
      if (input.mode === 'as-is') {
        signature = headers.find(isSignatureHeader)?.[1] ?? null
        sent = headers
      } else {
        if (input.mode === 'edited') {
          if (input.body === undefined) throw badInput('replay mode edited needs the new body text: pass body')
          body = Buffer.from(input.body, 'utf8')
          event = eventOf(input.body) ?? capture.event
        }
        signature = sign(body, secretFor(input))
        sent = withSignature(headers, signature)
      }
      return deps.sender.deliver({
        body,
        event,
        signature,
        headers: sent,
        // Replays go to handlers on this machine, so the localhost http:// exception is on.
        to: [{ url: input.url, headers: [], allowLocalHttp: true, insecureTls: input.insecureTls, timeoutMs: 10_000 }],
        origin: { kind: 'replay-capture', id: capture.id }
      })
    }
  }
}
