/**
 * A diagnosis is bounded whatever the input: in time, in HMACs tried and in the size of
 * what it says. The header is chosen by whoever sends the request.
 */
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { diagnose, diagnosisSteps, MAX_TEXT_CHARS, sign, verifySignature, type LabeledSecret } from '../../../src/core/signing'

const SECRET = 'skyc_sec_bounds_0123456789'
const secrets: LabeledSecret[] = [{ label: 'API secret', secret: SECRET }]
const body = Buffer.from('{"event":"submission.completed","data":{"status":"completed"}}')

function stepsOf(...args: Parameters<typeof diagnosisSteps>): number {
  const steps = diagnosisSteps(...args)
  let n = 0
  while (!steps.next().done) n++
  return n
}

describe('signing: diagnosis bounds', () => {
  it('a header of thousands of "a=" prefixes is malformed, explained in a few hundred characters (no stack overflow)', () => {
    for (const prefixes of [6000, 6500, 50_000]) {
      const header = 'a='.repeat(prefixes) + sign(body, SECRET)
      const verdict = verifySignature(body, header, secrets)
      expect(verdict.status).toBe('invalid')
      expect(verdict.diagnosis?.code).toBe('malformed-signature')
      // Before: RangeError (Maximum call stack size exceeded); at 6,000 prefixes an 895 KB verdict.
      expect(JSON.stringify(verdict).length).toBeLessThan(4096)
    }
  })

  it('a few prefixes are still peeled and named together', () => {
    const d = diagnose(body, `sha256=v1=${sign(body, SECRET)}`, secrets)
    expect(d.code).toBe('prefixed-signature')
    expect(d.message).toContain('"sha256=v1="')
    expect(d.message).toContain('without that prefix, it matches')
  })

  it('tries at most maxHmacs HMACs however many secrets there are, and says checks were skipped', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ label: `s${i}`, secret: `secret-${i}` }))
    const wrong = createHmac('sha256', 'nobody').update(body).digest('hex')
    const steps = stepsOf(body, wrong, many, { maxHmacs: 10 })
    expect(steps).toBeLessThanOrEqual(10)
    const d = diagnose(body, wrong, many, { maxHmacs: 10 })
    expect(d.code).toBe('mismatch')
    expect(d.message).toMatch(/skipped/)
    // With the default limits the whole list of near misses still runs to the end.
    expect(stepsOf(body, wrong, many)).toBeLessThanOrEqual(120)
  })

  it('stops when its time budget is spent, with its best answer so far', () => {
    const large = Buffer.from(JSON.stringify({ items: Array.from({ length: 50_000 }, (_, i) => ({ i })) }))
    const wrong = createHmac('sha256', 'nobody').update(large).digest('hex')
    const d = diagnose(large, wrong, secrets, { budgetMs: 0 })
    expect(d.code).toBe('mismatch')
    expect(d.message).toMatch(/skipped/)
    expect(stepsOf(large, wrong, secrets, { budgetMs: 0 })).toBe(0)
  })

  it('caps every text, whatever the secret labels', () => {
    const labelled = [{ label: 'x'.repeat(10_000), secret: 'other' }]
    const d = diagnose(body, createHmac('sha256', 'nobody').update(body).digest('hex'), labelled)
    expect(d.message.length).toBeLessThanOrEqual(MAX_TEXT_CHARS)
    expect(d.hint.length).toBeLessThanOrEqual(MAX_TEXT_CHARS)
  })
})
