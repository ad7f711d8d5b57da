/** The events a scenario's steps cause, in order, as the platform's operations emit them (operations.ts). */
import type { EventName } from '../../shared/models'
import type { ScenarioStep } from '../../shared/scenario-models'

export function eventsOfStep(step: ScenarioStep): EventName[] {
  switch (step.op) {
    case 'createInvitation':
      return ['invitation.sent']
    case 'completeInvitation':
      return [
        'submission.created',
        ...(step.args.savesProgress ? (['submission.updated'] as const) : []),
        'submission.completed',
        'aml.screening.completed',
        ...(step.args.aml === 'match' ? (['aml.match.found'] as const) : [])
      ]
    case 'patchSubmission': {
      const deciding = step.args.status === 'approved' || step.args.status === 'rejected'
      const other = step.args.responses !== undefined || step.args.status === 'in_review' || (step.args.rejectionReason !== undefined && !deciding)
      const out: EventName[] = other ? ['submission.updated'] : []
      if (step.args.status === 'approved') out.push('submission.approved')
      if (step.args.status === 'rejected') out.push('submission.rejected')
      return out
    }
    case 'dismissMatch':
      return ['aml.match.dismissed']
    case 'cancelInvitation':
      return ['invitation.cancelled']
    case 'expireInvitation':
      return ['invitation.expired']
  }
}

export function eventsOf(steps: ScenarioStep[]): EventName[] {
  return steps.flatMap(eventsOfStep)
}
