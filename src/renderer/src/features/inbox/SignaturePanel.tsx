/**
 * The signature verdict of a capture: Valid / Invalid / Missing, which secret matched,
 * the diagnosis in words, and expected vs received side by side with the differing
 * characters marked.
 */
import type { SignatureVerdict } from '../../../../shared/models'
import { SIGNATURE_HEADER } from '../../../../shared/models'
import { SignatureBadge } from '../../ui/Badge'
import { diffRuns, differingCount, unrelatedDigests } from './signature-diff'

function Marked({ value, other, testId }: { value: string; other: string; testId: string }) {
  return (
    <code className="sig-value" data-testid={testId}>
      {(unrelatedDigests(value, other) ? [{ text: value, same: true }] : diffRuns(value, other)).map((run, i) =>
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
  const { status, received, expected, matchedSecret, diagnosis } = verdict
  const cls = status === 'valid' ? 'callout-ok' : status === 'invalid' ? 'callout-bad' : 'callout-warn'
  return (
    <section className={`detail-section signature-panel callout ${cls}`} aria-label="Signature" data-testid="signature-panel">
      <div className="section-title">
        <h3>Signature</h3>
        <SignatureBadge status={status} />
        {status === 'valid' && matchedSecret ? <span className="muted">matched with: {matchedSecret}</span> : null}
      </div>
      {status === 'missing' ? (
        <p>
          The request has no <code>{SIGNATURE_HEADER}</code> header. Smart KYC always sends it; a request without it did not
          come from Smart KYC (or a proxy dropped the header).
        </p>
      ) : null}
      {diagnosis ? (
        <div className="diagnosis" data-testid="signature-diagnosis">
          <p>{diagnosis.message}</p>
          <p className="muted">
            <strong>What to do:</strong> {diagnosis.hint}
          </p>
        </div>
      ) : null}
      {status !== 'missing' && (received !== null || expected !== null) ? (
        <div className="sig-compare">
          <div>
            <div className="field-label">Received ({SIGNATURE_HEADER})</div>
            {received !== null ? <Marked value={received} other={expected ?? ''} testId="signature-received" /> : <span className="faint">none</span>}
          </div>
          <div>
            <div className="field-label">Computed (HMAC-SHA256 of the raw body)</div>
            {expected !== null ? (
              <Marked value={expected} other={received ?? ''} testId="signature-expected" />
            ) : (
              <span className="faint">No secret is configured: create API credentials in Settings or add a secret to the listener.</span>
            )}
          </div>
          {status === 'invalid' && received !== null && expected !== null ? (
            <p className="faint">
              {unrelatedDigests(received, expected)
                ? 'Entirely different digests: different bytes or a different secret (the reason above says which, when it can tell).'
                : `${differingCount(received, expected)} characters differ (marked).`}
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
