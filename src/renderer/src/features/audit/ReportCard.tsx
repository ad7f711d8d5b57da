/**
 * The audit's report card: a summary line, then one row per check with its verdict. A
 * failed or warning check opens to the docs' rule, the fix, and each request it sent.
 */
import { useState } from 'react'
import type { AuditCheckResult, AuditStatus } from '../../../../shared/audit-models'
import { Badge, type Tone } from '../../ui/Badge'
import ProbeExchange from './ProbeExchange'

const TONE: Record<AuditStatus, Tone> = { pass: 'ok', warn: 'warn', fail: 'bad', skip: 'neutral' }
const WORD: Record<AuditStatus, string> = { pass: 'Pass', warn: 'Warn', fail: 'Fail', skip: 'Skipped' }

export function StatusBadge({ status }: { status: AuditStatus }) {
  return <Badge tone={TONE[status]}>{WORD[status]}</Badge>
}

function CheckRow({ check }: { check: AuditCheckResult }) {
  const [openProbe, setOpenProbe] = useState<string | null>(null)
  const notable = check.probes.filter((p) => p.status !== 'pass')
  const shown = notable.length > 0 ? notable : check.probes.slice(0, 3)
  return (
    <details className={`audit-check audit-${check.status}`} data-testid={`audit-check-${check.id}`} open={false}>
      <summary>
        <StatusBadge status={check.status} />
        <span className="audit-check-title">
          {check.number}. {check.title}
        </span>
        <span className="audit-check-message">{check.message}</span>
      </summary>
      <div className="audit-check-body">
        <p>
          <strong>Rule:</strong> {check.rule}
        </p>
        <p>
          <strong>Fix:</strong> {check.fix}
        </p>
        {shown.length > 0 ? (
          <ul className="audit-probes">
            {shown.map((p, i) => (
              <li key={p.deliveryId ?? i}>
                <StatusBadge status={p.status} /> {p.label}: expected {p.expected}, got{' '}
                {p.responseCode ?? p.error ?? 'no answer'}
                {p.durationMs !== null ? ` in ${Math.round(p.durationMs)} ms` : ''}{' '}
                {p.deliveryId ? (
                  <button
                    type="button"
                    className="link-button"
                    data-testid="audit-show-exchange"
                    onClick={() => setOpenProbe(openProbe === p.deliveryId ? null : p.deliveryId)}
                  >
                    {openProbe === p.deliveryId ? 'Hide request' : 'Request & response'}
                  </button>
                ) : null}
                {openProbe === p.deliveryId && p.deliveryId ? <ProbeExchange deliveryId={p.deliveryId} /> : null}
              </li>
            ))}
            {check.probes.length > shown.length ? <li className="faint">{check.probes.length - shown.length} more passed</li> : null}
          </ul>
        ) : null}
      </div>
    </details>
  )
}

export default function ReportCard({ checks }: { checks: AuditCheckResult[] }) {
  return (
    <div className="audit-card" data-testid="audit-report">
      {checks.map((c) => (
        <CheckRow key={c.id} check={c} />
      ))}
    </div>
  )
}
