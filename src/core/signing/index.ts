/**
 * Smart KYC webhook signatures: sign, verify in constant time, and explain a mismatch.
 */
export { diagnose, diagnosisSteps, MAX_TEXT_CHARS, MAX_VARIANT_BODY_BYTES, type VerifyContext } from './diagnose'
export { hmac, NO_TIMESTAMP_NOTE, sign, type HmacAlgorithm, type LabeledSecret } from './hmac'
export { createSigningService, type SigningDeps } from './service'
export { checkSignature, diagnosisFailed, MAX_RECEIVED_CHARS, safeDiagnose, verifySignature } from './verify'
