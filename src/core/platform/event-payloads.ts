/**
 * The webhook payloads the mock platform emits. Each starts from the catalog's template for
 * its event (so it has the envelope and every field the event's schema expects) and then
 * takes the platform's real state: one tenant, and the invitation's, submission's and
 * workflow's own ids, so every event about one customer carries the same ids.
 */
import type { EventName } from '../../shared/models'
import type { AmlMatch, Invitation, Submission } from '../../shared/platform-models'
import { templateFor } from '../catalog'

type Data = Record<string, unknown>

/** "2024-01-15T10:30:00Z": second precision, as the docs show times. */
export function docTime(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z')
}

/** The standard envelope `{event, timestamp, data, tenantId}` with the template's data overlaid by ours. */
export function envelopeFor(event: EventName, tenantId: string, data: Data, now: Date): Record<string, unknown> {
  const template = templateFor(event, now) as { event: string; timestamp: string; data: Data; tenantId: string }
  return { event, timestamp: template.timestamp, data: { ...template.data, ...data }, tenantId }
}

export function invitationData(inv: Invitation, extra: Data = {}): Data {
  return {
    invitationId: inv.id,
    customerEmail: inv.customerEmail,
    workflowId: inv.workflowId,
    workflowName: inv.workflowName,
    status: inv.status,
    sentAt: docTime(inv.createdAt),
    expiresAt: docTime(inv.expiresAt),
    ...extra
  }
}

export function submissionData(sub: Submission, extra: Data = {}): Data {
  return {
    submissionId: sub.id,
    invitationId: sub.invitationId,
    customerEmail: sub.customerEmail,
    workflowId: sub.workflowId,
    workflowName: sub.workflowName,
    status: sub.status,
    submittedAt: docTime(sub.submittedAt),
    ...extra
  }
}

/** aml.match.found's documented fields, plus the match's own id (inferred) so it can be dismissed. */
export function matchData(match: AmlMatch, extra: Data = {}): Data {
  return {
    submissionId: match.submissionId,
    matchId: match.id,
    matchType: match.matchType,
    matchScore: match.matchScore,
    matchedName: match.matchedName,
    sourceList: match.sourceList,
    riskLevel: match.riskLevel,
    ...extra
  }
}
