/**
 * Signing as a Workbench service: the contract's `signing.*` methods. The stored secrets
 * come from the credentials service through `deps`, read at call time so a rotation applies
 * to the next call.
 */
import type { ServiceOf } from '../../shared/workbench-api'
import { sign, type LabeledSecret } from './hmac'
import { verifySignature } from './verify'
import { secretLabel } from './secret-label'

export type SigningDeps = {
  /** Current API secret first, then rotated ones still in their grace period. */
  verificationSecrets: () => LabeledSecret[]
  apiKey: () => string | null
  /** Rotated secrets past their grace period: only used to explain a mismatch. */
  expiredSecrets?: () => LabeledSecret[]
  /** The secret the Workbench signs with; defaults to the first verification secret. */
  currentSecret?: () => string | null
}

/** The `signing` namespace of the Workbench. */
export function createSigningService(deps: SigningDeps): ServiceOf<'signing'> {
  const currentSecret = () => (deps.currentSecret ? deps.currentSecret() : (deps.verificationSecrets()[0]?.secret ?? null))
  return {
    sign: async ({ body, secret }) => ({ signature: sign(body, secret) }),
    signWithStored: async ({ body }) => {
      const secret = currentSecret()
      return { signature: secret ? sign(body, secret) : null }
    },
    verify: async ({ body, signature, secrets, useStored }) => {
      // Pasted secrets come first: the user typed them for this check, so `expected` uses theirs.
      // Named by what they are ("pasted secret …ab12"), not by position ("pasted #1").
      const pasted = secrets.filter((s) => s !== '').map((secret) => ({ label: secretLabel('pasted secret', secret), secret }))
      const all = useStored ? [...pasted, ...deps.verificationSecrets()] : pasted
      return verifySignature(Buffer.from(body, 'utf8'), signature, all, {
        apiKey: deps.apiKey(),
        expiredSecrets: deps.expiredSecrets?.() ?? []
      })
    }
  }
}
