/**
 * Delivery health, as every face shows it (contract, CLI, UI): per saved endpoint, over a
 * window the user picks, how many attempts succeeded, how long they took, the last error,
 * and a small time series for the chart. Counted per attempt, not per delivery, so a
 * delivery that succeeded on its third try counts two failures and one success: that is
 * what the receiving system actually went through.
 */
import { z } from 'zod'

export const HEALTH_WINDOWS = ['1h', '24h', '7d'] as const
export const HealthWindow = z.enum(HEALTH_WINDOWS)
export type HealthWindow = z.infer<typeof HealthWindow>

/** One bar of the chart: the attempts that started in [start, start + bucketMs). */
export const HealthBucket = z.object({
  start: z.string(),
  attempts: z.number().int(),
  successes: z.number().int()
})
export type HealthBucket = z.infer<typeof HealthBucket>

export const HealthLastError = z.object({
  at: z.string(),
  /** The attempt's error text (network error, or what the status code means). */
  message: z.string(),
  responseCode: z.number().int().nullable(),
  deliveryId: z.string()
})
export type HealthLastError = z.infer<typeof HealthLastError>

export const EndpointHealth = z.object({
  endpointId: z.string(),
  endpointName: z.string(),
  url: z.string(),
  active: z.boolean(),
  attempts: z.number().int(),
  successes: z.number().int(),
  /** successes / attempts, 0..1; null when the window holds no attempt. */
  successRate: z.number().nullable(),
  /** Attempt durations in ms (interpolated percentiles); null without attempts. */
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  /** The latest failed attempt in the window. */
  lastError: HealthLastError.nullable(),
  /** True when attempts exist and the rate is below the alert threshold (never when alerts are off). */
  belowThreshold: z.boolean(),
  series: z.array(HealthBucket)
})
export type EndpointHealth = z.infer<typeof EndpointHealth>

export const HealthReport = z.object({
  window: HealthWindow,
  since: z.string(),
  until: z.string(),
  bucketMs: z.number().int(),
  /** The alert threshold in percent (0: alerts off). */
  thresholdPercent: z.number(),
  endpoints: z.array(EndpointHealth)
})
export type HealthReport = z.infer<typeof HealthReport>

/**
 * Pushed when an endpoint's success rate over the alert window crosses the threshold:
 * `below` once when it falls under, `recovered` once when it is back at or above it (or the
 * window no longer holds attempts, or alerts were turned off).
 */
export const HealthAlert = z.object({
  state: z.enum(['below', 'recovered']),
  endpointId: z.string(),
  endpointName: z.string(),
  url: z.string(),
  window: HealthWindow,
  thresholdPercent: z.number(),
  successRate: z.number().nullable(),
  attempts: z.number().int(),
  successes: z.number().int(),
  lastError: z.string().nullable(),
  at: z.string()
})
export type HealthAlert = z.infer<typeof HealthAlert>
