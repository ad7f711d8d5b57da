/**
 * Status badges: colour plus words, so the state reads without colour too.
 */
import type { ReactNode } from 'react'
import type { SchemaStatus, SignatureStatus } from '../../../shared/models'

export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'neutral'

export function Badge({ tone = 'neutral', children, testId, title }: { tone?: Tone; children: ReactNode; testId?: string; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} data-testid={testId} title={title}>
      {children}
    </span>
  )
}

const SIGNATURE_TEXT: Record<SignatureStatus, { text: string; tone: Tone }> = {
  valid: { text: 'Valid', tone: 'ok' },
  invalid: { text: 'Invalid', tone: 'bad' },
  missing: { text: 'Missing', tone: 'warn' }
}

/** The signature verdict: Valid / Invalid / Missing. */
export function SignatureBadge({ status }: { status: SignatureStatus }) {
  const { text, tone } = SIGNATURE_TEXT[status] ?? SIGNATURE_TEXT.missing
  return (
    <Badge tone={tone} testId="signature-badge" title={`Signature: ${text}`}>
      {text}
    </Badge>
  )
}

const SCHEMA_TEXT: Record<SchemaStatus, { text: string; tone: Tone }> = {
  valid: { text: 'Schema OK', tone: 'ok' },
  invalid: { text: 'Schema errors', tone: 'bad' },
  'not-json': { text: 'Not JSON', tone: 'warn' },
  'unknown-event': { text: 'Unknown event', tone: 'neutral' }
}

/** The schema verdict of a body. */
export function SchemaBadge({ status }: { status: SchemaStatus }) {
  const { text, tone } = SCHEMA_TEXT[status] ?? SCHEMA_TEXT['unknown-event']
  return (
    <Badge tone={tone} testId="schema-badge" title={`Schema: ${text}`}>
      {text}
    </Badge>
  )
}

/** The tone of an HTTP status: 2xx green, 3xx blue, 4xx amber, 5xx red. */
export function statusTone(status: number | null | undefined): Tone {
  if (status == null) return 'neutral'
  if (status >= 200 && status < 300) return 'ok'
  if (status >= 300 && status < 400) return 'info'
  if (status >= 400 && status < 500) return 'warn'
  return 'bad'
}

/** An HTTP status code, or a word when there was none (timeout, reset). */
export function StatusCode({ status, none = '—', testId }: { status: number | null | undefined; none?: string; testId?: string }) {
  return (
    <Badge tone={statusTone(status)} testId={testId}>
      <span className="mono">{status ?? none}</span>
    </Badge>
  )
}
