/**
 * The claim lease: how long an attempt's claim on a delivery lasts without renewal. A claim
 * (next_attempt_at NULL) is stale once updated_at is older than the delivery's timeout plus
 * LEASE_MARGIN_MS; its process is then taken to have died mid-attempt and the delivery is
 * due again (outbox-repo resumeStale).
 */

/**
 * How long past its endpoint's timeout a claim may go without renewal before it counts as
 * abandoned (its process died mid-attempt) and is attempted again. The holder renews it
 * every LEASE_RENEW_MS while the attempt runs or waits for a slot, so a live process never
 * loses a claim, and a restart after a crash resumes within seconds rather than minutes.
 */
export const LEASE_MARGIN_MS = 5_000
/** How often a held claim is renewed: well inside the margin, so one slow tick cannot lose it. */
export const LEASE_RENEW_MS = 1_500
