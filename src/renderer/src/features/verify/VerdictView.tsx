/**
 * The verification result: Valid / Invalid / Missing, the diagnosis in one sentence with
 * its hint, and the computed (expected) signature under the received one, both broken after
 * 32 characters so they line up for comparison. The words about secrets and the comparison
 * come from signature-compare, as in the Inbox's Signature panel.
 */
import { SIGNATURE_HEADER } from '../../../../shared/models'
import { useWorkbench } from '../../store'
import { SignatureBadge } from '../../ui/Badge'
import CopyButton from '../../ui/CopyButton'
import { formatDateTime } from '../inbox/format'
import { compareSignatures, expectedSecretName, withLocalTimes } from '../inbox/signature-compare'

export default function VerdictView() {
  const verdict = useWorkbench((s) => s.verify.verdict)
  const error = useWorkbench((s) => s.verify.error)

  if (error) {
    return (
      <div className="callout callout-bad" role="alert" data-testid="verify-error">
        {error}
      </div>
    )
  }
  if (!verdict) return null
  const comparison = verdict.status === 'invalid' ? compareSignatures(verdict) : null
  const secretName = expectedSecretName(verdict, formatDateTime)
  const tone = verdict.status === 'valid' ? 'callout-ok' : verdict.status === 'invalid' ? 'callout-bad' : 'callout-warn'
  return (
    <section className={`callout ${tone} vf-verdict`} aria-live="polite" data-testid="verify-result">
      <div className="vf-verdict-head">
        <SignatureBadge status={verdict.status} />
        <span>
          {verdict.status === 'valid'
            ? `The signature matches${verdict.matchedSecret ? ` (secret: ${withLocalTimes(verdict.matchedSecret, formatDateTime)})` : ''}.`
            : verdict.status === 'missing'
              ? `No ${SIGNATURE_HEADER} value was given.`
              : 'The signature does not match these bytes with these secrets.'}
        </span>
      </div>
      {verdict.diagnosis ? (
        <div className="vf-diagnosis" data-testid="verify-diagnosis">
          <div>{withLocalTimes(verdict.diagnosis.message, formatDateTime)}</div>
          <div className="muted">{withLocalTimes(verdict.diagnosis.hint, formatDateTime)}</div>
        </div>
      ) : null}
      <dl className="facts vf-compare">
        <dt>Received</dt>
        <dd className="mono" data-testid="verify-received">
          {verdict.received === null ? (
            <span className="faint">none</span>
          ) : verdict.received === '' ? (
            <span className="faint">(empty)</span>
          ) : (
            <span className="vf-sig">{verdict.received}</span>
          )}
        </dd>
        {verdict.receivedDigest ? (
          <>
            <dt>Decoded</dt>
            <dd className="mono" data-testid="verify-received-digest">
              <span className="vf-sig">{verdict.receivedDigest.hex}</span>
            </dd>
          </>
        ) : null}
        <dt title="What the signature should be: HMAC-SHA256 of these bytes with the secret">Computed</dt>
        <dd className="mono" data-testid="verify-expected">
          {verdict.expected ? <span className="vf-sig">{verdict.expected}</span> : <span className="faint">no secret known</span>}
          {verdict.expected ? <CopyButton text={verdict.expected} what="expected signature" /> : null}
          {verdict.expected && secretName ? (
            <div className="faint vf-secret-name" data-testid="verify-expected-secret">
              with {secretName}
            </div>
          ) : null}
        </dd>
      </dl>
      {comparison ? (
        <p className="faint" data-testid="verify-comparison">
          {comparison.text}
        </p>
      ) : null}
    </section>
  )
}
