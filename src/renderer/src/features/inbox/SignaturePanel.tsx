/**
 * The signature verdict of a capture: Valid / Invalid / Missing, which secret matched,
 * the diagnosis in words, and expected vs received side by side with the differing
 * characters marked. The words under them come from signature-compare, shared with the
 * Verify screen.
 */
import type { SignatureVerdict } from '../../../../shared/models'
import { SIGNATURE_HEADER } from '../../../../shared/models'
import { SignatureBadge } from '../../ui/Badge'
import { formatDateTime } from './format'
import { compareSignatures, computedWith, withLocalTimes } from './signature-compare'
import { diffRuns } from './signature-diff'

/** `value` with the characters that differ from `other` marked, when marking says something. */
function Marked({ value, other, mark, testId }: { value: string; other: string; mark: boolean; testId: string }) {
  return (
    <code className="sig-value" data-testid={testId}>
      {(mark ? diffRuns(value, other) : [{ text: value, same: true }]).map((run, i) =>
        run.same ? (
          <span key={i}>{run.text}</span>
        ) : (
          <mark key={i} className="sig-diff">
            {run.text}
          </mark>
        )
      )}
    </code>
  )
}

export default function SignaturePanel({ verdict }: { verdict: SignatureVerdict }) {
  const { status, received, expected, matchedSecret, diagnosis, receivedDigest } = verdict
  // A large body's bad signature is explained after the reply; capture.updated brings the
  // explanation, and this panel re-renders with it.
  const diagnosing = diagnosis?.code === 'diagnosis-pending'
  const comparison = diagnosing ? null : compareSignatures(verdict)
  // Only near misses are marked: a prefix or an encoding shifts or changes every character.
  const mark = comparison?.kind === 'near'
  const cls = status === 'valid' ? 'callout-ok' : status === 'invalid' ? 'callout-bad' : 'callout-warn'
  return (
    <section className={`detail-section signature-panel callout ${cls}`} aria-label="Signature" data-testid="signature-panel">
      <div className="section-title">
        <h3>Signature</h3>
        <SignatureBadge status={status} />
        {status === 'valid' && matchedSecret ? <span className="muted">matched with: {withLocalTimes(matchedSecret, formatDateTime)}</span> : null}
      </div>
      {status === 'missing' ? (
        <p>
          The request has no <code>{SIGNATURE_HEADER}</code> header. Smart KYC always sends it; a request without it did not
          come from Smart KYC (or a proxy dropped the header).
        </p>
      ) : null}
      {diagnosing ? (
        <div className="diagnosis" data-testid="signature-diagnosing" role="status">
          <p>
            <strong>Diagnosing…</strong> The signature does not match; working out why takes a moment for a body this large. The reason
            appears here by itself.
          </p>
        </div>
      ) : diagnosis ? (
        <div className="diagnosis" data-testid="signature-diagnosis">
          <p>{withLocalTimes(diagnosis.message, formatDateTime)}</p>
          <p className="muted">
            <strong>What to do:</strong> {withLocalTimes(diagnosis.hint, formatDateTime)}
          </p>
        </div>
      ) : null}
      {status !== 'missing' && (received !== null || expected !== null) ? (
        <div className="sig-compare">
          <div>
            <div className="field-label">Received ({SIGNATURE_HEADER})</div>
            {received !== null ? <Marked value={received} other={expected ?? ''} mark={mark} testId="signature-received" /> : <span className="faint">none</span>}
            {receivedDigest && received !== null ? (
              <div className="faint sig-decoded" data-testid="signature-received-digest">
                decoded: <code>{receivedDigest.hex}</code>
              </div>
            ) : null}
          </div>
          <div>
            <div className="field-label" data-testid="signature-expected-label">
              {computedWith(verdict, formatDateTime)} (HMAC-SHA256 of the raw body)
            </div>
            {expected !== null ? (
              <Marked value={expected} other={received ?? ''} mark={mark} testId="signature-expected" />
            ) : (
              <span className="faint">No secret is configured: create API credentials in Settings or add a secret to the listener.</span>
            )}
          </div>
          {status === 'invalid' && comparison ? (
            <p className="faint" data-testid="signature-comparison">
              {comparison.text}
            </p>
          ) : null}
        </div>
      ) : null}
      <p className="faint sig-note">
        Smart KYC signatures carry no timestamp, so a captured request verifies forever: protect against replays with your own
        idempotency checks (e.g. store processed event ids).
      </p>
    </section>
  )
}
