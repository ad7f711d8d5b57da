/**
 * "Next retry in 12 s", ticking each second while a retry is scheduled.
 */
import { useEffect, useState } from 'react'
import { formatDateTime } from '../inbox/format'
import { formatCountdown } from './delivery-logic'

export default function RetryCountdown({ at }: { at: string }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(t)
  }, [at])
  return (
    <span className="dl-countdown" data-testid="retry-countdown" title={formatDateTime(at)}>
      Next retry {formatCountdown(at, now)}
    </span>
  )
}
