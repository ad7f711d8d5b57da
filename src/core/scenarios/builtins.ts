/**
 * The built-in scenarios, as data: each is a list of the mock platform's own operations with
 * the delay before each (at 1x speed). The spacing is what a person takes: the customer
 * needs a little while to fill in the form, a reviewer a little longer to decide.
 */
import { Scenario } from '../../shared/scenario-models'

const raw = [
  {
    name: 'happy-path',
    description: 'Invitation sent; the customer saves their answers once, then completes it; the AML screening is clear; a reviewer approves.',
    steps: [
      { op: 'createInvitation', args: { customerEmail: 'john.doe@example.com' } },
      { op: 'completeInvitation', delayMs: 20_000, args: { aml: 'clear', savesProgress: true } },
      { op: 'patchSubmission', delayMs: 20_000, args: { status: 'approved' } }
    ]
  },
  {
    name: 'aml-hit-dismissed',
    description: 'The screening finds a match; a reviewer dismisses it as a false positive and approves.',
    steps: [
      { op: 'createInvitation', args: { customerEmail: 'maria.garcia@example.com' } },
      { op: 'completeInvitation', delayMs: 20_000, args: { aml: 'match' } },
      { op: 'dismissMatch', delayMs: 15_000, args: { reason: 'False positive: different date of birth' } },
      { op: 'patchSubmission', delayMs: 10_000, args: { status: 'approved' } }
    ]
  },
  {
    name: 'aml-hit-rejected',
    description: 'The screening finds a match; a reviewer confirms it and rejects the submission.',
    steps: [
      { op: 'createInvitation', args: { customerEmail: 'ivan.petrov@example.com' } },
      { op: 'completeInvitation', delayMs: 20_000, args: { aml: 'match' } },
      { op: 'patchSubmission', delayMs: 10_000, args: { status: 'in_review' } },
      { op: 'patchSubmission', delayMs: 15_000, args: { status: 'rejected', rejectionReason: 'AML match confirmed' } }
    ]
  },
  {
    name: 'invitation-expired',
    description: 'Invitation sent with a 30 s lifetime; the customer never opens it and it expires.',
    steps: [
      { op: 'createInvitation', args: { customerEmail: 'late.larry@example.com', expiresInSeconds: 30 } },
      { op: 'expireInvitation', delayMs: 30_000 }
    ]
  },
  {
    name: 'invitation-cancelled',
    description: 'Invitation sent, then cancelled before the customer starts.',
    steps: [
      { op: 'createInvitation', args: { customerEmail: 'sam.smith@example.com' } },
      { op: 'cancelInvitation', delayMs: 10_000, args: { reason: 'Sent to the wrong address' } }
    ]
  }
]

export const BUILT_IN_SCENARIOS: Scenario[] = raw.map((s) => Scenario.parse(s))
