import { describe, expect, it } from 'vitest'
import { serverResource } from '../../src/renderer/src/store/server-resource'

/** A promise the test resolves or rejects when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (err: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('serverResource', () => {
  it('keeps only the answer of the latest load, whatever order the answers arrive in', async () => {
    const resource = serverResource()
    const seen: string[] = []
    const settled: string[] = []
    const older = deferred<string>()
    const newer = deferred<string>()
    const a = resource.load(() => older.promise, { data: (v) => seen.push(v), settled: () => settled.push('older') })
    const b = resource.load(() => newer.promise, { data: (v) => seen.push(v), settled: () => settled.push('newer') })
    newer.resolve('new')
    older.resolve('old')
    await Promise.all([a, b])
    expect(seen).toEqual(['new'])
    expect(settled).toEqual(['newer'])
  })

  it('reports the failure of the latest load only, and cancel drops an answer in flight', async () => {
    const resource = serverResource()
    const errors: unknown[] = []
    const data: string[] = []
    const failing = deferred<string>()
    const first = resource.load(() => failing.promise, { data: (v) => data.push(v), error: (e) => errors.push(e) })
    const second = resource.load(() => Promise.reject(new Error('latest failed')), { data: (v) => data.push(v), error: (e) => errors.push(e) })
    failing.reject(new Error('stale failure'))
    await Promise.all([first, second])
    expect(errors.map((e) => (e as Error).message)).toEqual(['latest failed'])

    const pending = deferred<string>()
    const third = resource.load(() => pending.promise, { data: (v) => data.push(v) })
    resource.cancel()
    pending.resolve('too late')
    await third
    expect(data).toEqual([])
  })

  it('with afterMs, a newer load meanwhile means the older never asks the engine (debounce)', async () => {
    const resource = serverResource()
    const asked: string[] = []
    const a = resource.load(async () => asked.push('first'), { data: () => undefined }, { afterMs: 20 })
    const b = resource.load(async () => asked.push('second'), { data: () => undefined }, { afterMs: 20 })
    await Promise.all([a, b])
    expect(asked).toEqual(['second'])
  })
})
