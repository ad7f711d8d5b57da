// Payloads shaped like the engine's events, for driving a real EventBus in main-process tests.
import type { CaptureSummary, Delivery } from '../../src/shared/models'
import type { HealthAlert } from '../../src/shared/health-models'

export function captureSummary(overrides: Partial<CaptureSummary> = {}): CaptureSummary {
  return {
    id: 'cap_1',
    seq: 1,
    listenerId: 'lst_1',
    receivedAt: '2026-01-01T00:00:00.000Z',
    method: 'POST',
    path: '/webhooks/smart-kyc',
    query: '',
    remoteAddress: '127.0.0.1',
    bodySize: 120,
    bodySha256: 'ab'.repeat(32),
    bodyTruncated: false,
    event: 'submission.completed',
    signature: 'valid',
    schema: 'valid',
    duplicateOf: null,
    responseStatus: 200,
    source: 'listener',
    ...overrides
  }
}

export function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    id: 'dlv_1',
    messageId: 'msg_1',
    endpointId: 'end_1',
    endpointName: 'Staging API',
    url: 'https://staging.example/hooks',
    event: 'submission.approved',
    status: 'success',
    attemptCount: 1,
    maxAttempts: 5,
    lastResponseCode: 200,
    lastResponse: 'ok',
    lastError: null,
    nextAttemptAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    origin: { kind: 'compose', id: null },
    ...overrides
  }
}

export function healthAlert(overrides: Partial<HealthAlert> = {}): HealthAlert {
  return {
    state: 'below',
    endpointId: 'ep_1',
    endpointName: 'Orders API',
    url: 'https://orders.example/hooks',
    window: '1h',
    thresholdPercent: 90,
    successRate: 0.6,
    attempts: 5,
    successes: 3,
    lastError: 'HTTP 500 Internal Server Error: not 2xx, so the delivery counts as failed',
    at: '2026-01-01T00:00:00.000Z',
    ...overrides
  }
}
