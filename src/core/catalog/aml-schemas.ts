/**
 * JSON Schemas of the three AML events. aml.match.found is documented; the other two reuse
 * its field names and are marked "Inferred" where they do.
 */
import { envelope, fields, INFERRED, inferredField, inferredTime } from './shared-fields'

const MODEL = "aml.match.found's documented payload"

const matchFound = envelope({
  event: 'aml.match.found',
  title: 'aml.match.found',
  description: 'AML match detected: a screened name matched a sanctions, PEP or watch list. Documented in the Smart KYC docs.',
  data: {
    type: 'object',
    description: 'The match. Fields as documented by Smart KYC; all of them are required.',
    required: ['submissionId', 'matchType', 'matchScore', 'matchedName', 'sourceList', 'riskLevel'],
    properties: {
      submissionId: fields.submissionId,
      matchType: fields.matchType,
      matchScore: fields.matchScore,
      matchedName: fields.matchedName,
      sourceList: fields.sourceList,
      riskLevel: fields.riskLevel
    }
  }
})

const screeningCompleted = envelope({
  event: 'aml.screening.completed',
  title: 'aml.screening.completed',
  description: `AML screening completed. ${INFERRED} ${MODEL}.`,
  data: {
    type: 'object',
    description: `The finished screening of one submission. ${INFERRED} ${MODEL}.`,
    // Only the identifier and status are required: the rest is a guess we should not enforce.
    required: ['submissionId', 'status'],
    properties: {
      submissionId: inferredField('submissionId', MODEL),
      status: {
        ...inferredField('status', "submission.completed's status", 'Status of the screening: "completed" for this event.'),
        examples: ['completed']
      },
      matchCount: {
        type: 'integer',
        minimum: 0,
        description: `${INFERRED} ${MODEL}. How many potential matches the screening found; each one also arrives as aml.match.found.`,
        examples: [0, 1]
      },
      riskLevel: inferredField('riskLevel', MODEL, 'Overall risk of the screened customer, e.g. "low".'),
      completedAt: inferredTime("submission.completed's submittedAt", 'When the screening finished.')
    }
  }
})

const matchDismissed = envelope({
  event: 'aml.match.dismissed',
  title: 'aml.match.dismissed',
  description: `AML match dismissed: a reviewer judged a match a false positive. ${INFERRED} ${MODEL}.`,
  data: {
    type: 'object',
    description: `The dismissed match. ${INFERRED} ${MODEL}.`,
    required: ['submissionId', 'matchedName'],
    properties: {
      submissionId: inferredField('submissionId', MODEL),
      matchType: inferredField('matchType', MODEL),
      matchScore: inferredField('matchScore', MODEL),
      matchedName: inferredField('matchedName', MODEL),
      sourceList: inferredField('sourceList', MODEL),
      riskLevel: inferredField('riskLevel', MODEL),
      status: {
        ...inferredField('status', "submission.completed's status", 'Status of the match: "dismissed" for this event.'),
        examples: ['dismissed']
      },
      dismissedAt: inferredTime("submission.completed's submittedAt", 'When the match was dismissed.'),
      reason: {
        type: 'string',
        description: `${INFERRED} ${MODEL}. Why the reviewer dismissed the match, e.g. "Different date of birth".`,
        examples: ['Different date of birth']
      }
    }
  }
})

/** The three AML events' envelope schemas, by event name. */
export const amlSchemas = {
  'aml.screening.completed': screeningCompleted,
  'aml.match.found': matchFound,
  'aml.match.dismissed': matchDismissed
} as const
