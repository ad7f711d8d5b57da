/**
 * Realistic capture rows for the store bench and the store-at-scale tests: Smart KYC style
 * JSON bodies of 1 to 5 KB (ids, emails, names, checks), the headers a real sender sends,
 * verdicts shaped like the pipeline's. Deterministic for a given index, so a rare string
 * can be planted and found again.
 */
import { createHash } from 'node:crypto'
import type { NewCaptureRow } from '../src/core/receiver/types'

const EVENTS = ['submission.approved', 'submission.rejected', 'invitation.sent', 'aml.match.found', 'document.uploaded', 'check.completed']
const WORDS = ['passport', 'address', 'liveness', 'selfie', 'utility', 'statement', 'sanctions', 'screening', 'review', 'manual']

/** A small fast PRNG so a million rows cost little beyond the inserts. */
function rng(seed: number): () => number {
  let x = seed * 2654435761 + 1
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 4294967296
  }
}

const hex = (r: () => number, n: number) => {
  let s = ''
  while (s.length < n) s += Math.floor(r() * 0xffffffff).toString(16).padStart(8, '0')
  return s.slice(0, n)
}

export interface SyntheticOptions {
  listenerIds: string[]
  /** Planted into this one row's body, to search for a rare string. */
  rare?: { index: number; text: string }
  startMs?: number
}

export function syntheticCapture(i: number, opts: SyntheticOptions): NewCaptureRow {
  const r = rng(i + 1)
  const event = EVENTS[i % EVENTS.length]
  const subject = hex(r, 24)
  const checks: unknown[] = []
  const target = 1024 + Math.floor(r() * 4096)
  const note = opts.rare?.index === i ? opts.rare.text : ''
  const base = {
    id: `evt_${hex(r, 20)}`,
    type: event,
    created_at: new Date((opts.startMs ?? Date.UTC(2026, 0, 1)) + i * 1000).toISOString(),
    data: {
      submission_id: `sub_${subject}`,
      applicant: { email: `user${i}@example${i % 97}.test`, first_name: 'Alex', last_name: `Doe${i % 1000}` },
      note,
      checks
    }
  }
  // Grow the checks until the body reaches its target size, counting instead of
  // re-serialising (a million rows must cost little beyond their inserts).
  let size = JSON.stringify(base).length
  while (size < target) {
    const check = { id: `chk_${hex(r, 16)}`, kind: WORDS[Math.floor(r() * WORDS.length)], result: r() < 0.9 ? 'clear' : 'consider', score: Math.round(r() * 1000) / 1000 }
    checks.push(check)
    size += JSON.stringify(check).length + 1
  }
  const body = JSON.stringify(base)
  const bytes = Buffer.from(body)
  const signature = i % 50 === 0 ? 'invalid' : i % 7 === 0 ? 'missing' : 'valid'
  const schema = i % 40 === 0 ? 'invalid' : 'valid'
  const status = i % 100 === 0 ? 500 : 200
  return {
    // The index makes the id unique: the xorshift streams of two seeds can overlap.
    id: `cap_${i.toString(16).padStart(8, '0')}${hex(r, 16)}`,
    listener_id: opts.listenerIds[i % opts.listenerIds.length],
    source: 'listener',
    received_at: base.created_at,
    method: 'POST',
    path: '/webhooks/smart-kyc',
    query: '',
    http_version: '1.1',
    remote_address: '127.0.0.1',
    headers: JSON.stringify([
      ['host', '127.0.0.1:8443'],
      ['content-type', 'application/json'],
      ['content-length', String(bytes.length)],
      ['x-smartkyc-event', event],
      ['x-smartkyc-signature', `t=${1767225600 + i},v1=${hex(r, 64)}`],
      ['user-agent', 'SmartKYC-Webhooks/2.1']
    ]),
    body: bytes,
    body_size: bytes.length,
    body_sha256: createHash('sha256').update(bytes).digest('hex'),
    body_truncated: 0,
    event,
    signature_status: signature,
    signature_verdict: JSON.stringify({ status: signature, secretLabel: signature === 'valid' ? 'API secret' : null, timestamp: 1767225600 + i }),
    schema_status: schema,
    schema_verdict: JSON.stringify({ status: schema, errors: [] }),
    duplicate_of: null,
    response: JSON.stringify({ status, headers: [['content-type', 'application/json']], bodyText: '{"ok":true}' }),
    response_status: status,
    forward: null
  }
}
