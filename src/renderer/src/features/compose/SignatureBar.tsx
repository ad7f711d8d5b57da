/**
 * The live X-SmartKYC-Signature of the exact bytes in the editor, with their byte count.
 * The engine signs with the stored API secret (which never reaches the renderer).
 */
import { useMemo, type ReactNode } from 'react'
import { SIGNATURE_HEADER } from '../../../../shared/models'
import { useWorkbench } from '../../store'
import CopyButton from '../../ui/CopyButton'
import { formatBytes, utf8ByteLength } from '../verify/body-facts'

export default function SignatureBar() {
  const body = useWorkbench((s) => s.compose.body)
  const signature = useWorkbench((s) => s.compose.signature)
  const bytes = useMemo(() => utf8ByteLength(body), [body])

  let value: ReactNode
  switch (signature.status) {
    case 'ready':
      value = <code data-testid="live-signature">{signature.signature}</code>
      break
    case 'computing':
    case 'idle':
      value = <span className="faint">computing…</span>
      break
    case 'no-secret':
      value = (
        <span className="compose-sig-note" data-testid="live-signature-missing">
          No API secret yet: <a href="#/settings">create one in Settings</a> to sign.
        </span>
      )
      break
    case 'error':
      value = <span className="compose-sig-note">Could not compute the signature: {signature.message}</span>
      break
  }

  return (
    <div className="compose-sig" aria-live="polite">
      <span className="compose-sig-name mono">{SIGNATURE_HEADER}:</span>
      <span className="compose-sig-value mono">{value}</span>
      {signature.status === 'ready' ? <CopyButton text={signature.signature} what="signature" /> : null}
      <span className="compose-sig-bytes mono" data-testid="byte-count" title="UTF-8 bytes that are signed and sent">
        {formatBytes(bytes)}
      </span>
    </div>
  )
}
