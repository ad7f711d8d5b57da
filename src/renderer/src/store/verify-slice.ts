/**
 * Verify: a pasted (or loaded) body, a pasted X-SmartKYC-Signature value, and the secrets
 * to try (the Workbench's stored API secret and/or a pasted one). The verdict comes from
 * the engine, which compares in constant time and diagnoses a mismatch.
 */
import type { SignatureVerdict } from '../../../shared/models'
import { call } from '../api/client'
import { errorMessage } from './errors'
import { serverResource } from './server-resource'
import { nestedSetter, type SliceCreator } from './slice-helpers'

export interface VerifySlice {
  verify: {
    body: string
    /** Where the body came from: a file keeps exact bytes, the editor may normalise line endings. */
    bodySource: 'editor' | 'file'
    fileName: string | null
    signature: string
    useStored: boolean
    secret: string
    verifying: boolean
    verdict: SignatureVerdict | null
    error: string | null
    setBody(body: string, source?: 'editor' | 'file', fileName?: string | null): void
    setSignature(signature: string): void
    setUseStored(useStored: boolean): void
    setSecret(secret: string): void
    run(): Promise<void>
    clear(): void
  }
}

export const createVerifySlice: SliceCreator<VerifySlice> = (set, get) => {
  const patch = nestedSetter(set, 'verify')
  const verdictRead = serverResource()
  // Any change makes the shown verdict stale: clear it rather than show a wrong answer.
  const stale = { verdict: null, error: null }
  return {
    verify: {
      body: '',
      bodySource: 'editor',
      fileName: null,
      signature: '',
      useStored: true,
      secret: '',
      verifying: false,
      verdict: null,
      error: null,

      setBody(body, source = 'editor', fileName = null) {
        if (body === get().verify.body && source === get().verify.bodySource) return
        patch({ body, bodySource: source, fileName: source === 'file' ? fileName : null, ...stale })
      },
      setSignature(signature) {
        patch({ signature, ...stale })
      },
      setUseStored(useStored) {
        patch({ useStored, ...stale })
      },
      setSecret(secret) {
        patch({ secret, ...stale })
      },

      async run() {
        const s = get().verify
        const secrets = s.secret ? [s.secret] : []
        if (!s.useStored && secrets.length === 0) {
          patch({ error: 'Choose a secret: tick "Use the Workbench\'s API secret" or paste a secret', verdict: null })
          return
        }
        patch({ verifying: true, error: null })
        // The header value is sent as pasted (untrimmed): stray spaces are a finding, not noise.
        await verdictRead.load(() => call('signing.verify', { body: s.body, signature: s.signature, secrets, useStored: s.useStored }), {
          data: (verdict) => patch({ verdict }),
          error: (err) => patch({ error: errorMessage(err), verdict: null }),
          settled: () => patch({ verifying: false })
        })
      },

      clear() {
        patch({ body: '', bodySource: 'editor', fileName: null, signature: '', secret: '', ...stale })
      }
    }
  }
}
