import type { CaptureSummary } from '../../src/shared/models'

/** A capture summary numbered `seq` (ids and times follow it), with any field overridden. */
export function captureSummary(seq: number, over: Partial<CaptureSummary> = {}): CaptureSummary {
  return {
    id: `cap_${seq}`,
    seq,
    listenerId: 'lis_1',
    receivedAt: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
    method: 'POST',
    path: '/webhooks',
    query: '',
    remoteAddress: '127.0.0.1',
    bodySize: 10,
    bodySha256: 'x',
    bodyTruncated: false,
    event: 'submission.completed',
    signature: 'valid',
    schema: 'valid',
    duplicateOf: null,
    responseStatus: 200,
    source: 'listener',
    ...over
  }
}
