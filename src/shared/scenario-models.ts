/**
 * Scenarios: named sequences of the mock platform's own operations (create an invitation,
 * the customer completes it, a reviewer decides...), with delays between them, run with
 * per-run chaos options (duplicates, shuffle, jitter, drop-and-deliver-late). The schemas
 * here check built-in and user-written scenarios (JSON or YAML in <data folder>/scenarios)
 * and describe a run's recorded timeline.
 */
import { z } from 'zod'
import { EventName } from './models'

const Reason = z.string().max(500)
const Responses = z.record(z.string(), z.unknown())
const Delay = z.number().int().min(0).max(3_600_000)

/** One step: a platform operation on the run's one set of ids, after `delayMs` (at 1x speed). */
export const ScenarioStep = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('createInvitation'),
      delayMs: Delay.default(0),
      args: z
        .object({
          customerEmail: z.email().optional(),
          workflowName: z.string().min(1).max(200).optional(),
          expiresInSeconds: z.number().int().min(1).max(31_536_000).optional()
        })
        .strict()
        .default({})
    })
    .strict(),
  z
    .object({
      op: z.literal('completeInvitation'),
      delayMs: Delay.default(0),
      args: z
        .object({ aml: z.enum(['clear', 'match']).default('clear'), responses: Responses.optional(), savesProgress: z.boolean().default(false) })
        .strict()
        .default({ aml: 'clear', savesProgress: false })
    })
    .strict(),
  z
    .object({
      op: z.literal('patchSubmission'),
      delayMs: Delay.default(0),
      args: z
        .object({
          status: z.enum(['in_review', 'approved', 'rejected']).optional(),
          responses: Responses.optional(),
          rejectionReason: Reason.optional()
        })
        .strict()
        .refine((a) => a.status !== undefined || a.responses !== undefined || a.rejectionReason !== undefined, {
          message: 'nothing to change: give status, responses or rejectionReason'
        })
    })
    .strict(),
  z.object({ op: z.literal('dismissMatch'), delayMs: Delay.default(0), args: z.object({ reason: Reason.optional() }).strict().default({}) }).strict(),
  z.object({ op: z.literal('cancelInvitation'), delayMs: Delay.default(0), args: z.object({ reason: Reason.optional() }).strict().default({}) }).strict(),
  z.object({ op: z.literal('expireInvitation'), delayMs: Delay.default(0), args: z.object({}).strict().default({}) }).strict()
])
export type ScenarioStep = z.output<typeof ScenarioStep>
export type ScenarioOp = ScenarioStep['op']

export const ScenarioName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and dashes, e.g. "my-scenario"')

export const Scenario = z
  .object({
    name: ScenarioName,
    description: z.string().max(500).default(''),
    steps: z.array(ScenarioStep).min(1).max(200)
  })
  .strict()
export type Scenario = z.output<typeof Scenario>

export const ScenarioInfo = z.object({
  name: z.string(),
  description: z.string(),
  source: z.enum(['built-in', 'user']),
  /** For a user scenario: the file it came from. */
  file: z.string().nullable(),
  steps: z.array(ScenarioStep),
  /** The events the steps cause, in the order the platform causes them (without chaos). */
  events: z.array(EventName),
  /** The sum of the delays at 1x speed. */
  durationMs: z.number()
})
export type ScenarioInfo = z.infer<typeof ScenarioInfo>

/** A user scenario file that failed to load: where and why. */
export const ScenarioProblem = z.object({
  file: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  field: z.string().nullable(),
  message: z.string()
})
export type ScenarioProblem = z.infer<typeof ScenarioProblem>

export const RunOptions = z
  .object({
    /** An ad hoc target URL; otherwise `endpointId`; otherwise every active endpoint. */
    to: z.string().min(1).optional(),
    endpointId: z.string().min(1).optional(),
    /** 10 runs the delays ten times faster. */
    speed: z.number().min(0.01).max(10_000).default(1),
    /** Fraction of deliveries sent a second time (same bytes, same signature). */
    duplicates: z.number().min(0).max(1).default(0),
    /** Deliver the run's events in a random order once its steps have run. */
    shuffle: z.boolean().default(false),
    /** Up to this many extra milliseconds before each delivery (random, not scaled by speed). */
    jitterMs: z.number().int().min(0).max(600_000).default(0),
    /** Fraction of events held back and delivered after all the others. */
    drop: z.number().min(0).max(1).default(0),
    /** Seed for the chaos choices: the same seed makes the same choices. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional()
  })
  .refine((o) => !(o.to && o.endpointId), { message: 'give --to or --endpoint, not both', path: ['to'] })
export type RunOptions = z.output<typeof RunOptions>

export const ChaosMark = z.enum(['duplicate', 'late', 'shuffled'])

export const TimelineStep = z.object({
  kind: z.literal('step'),
  index: z.number().int(),
  op: z.string(),
  plannedMs: z.number(),
  actualMs: z.number(),
  events: z.array(z.string()),
  error: z.string().nullable()
})

export const TimelineDelivery = z.object({
  kind: z.literal('delivery'),
  event: z.string(),
  /** Position of the event in the order the platform caused it (0-based). */
  eventIndex: z.number().int(),
  /** When the platform caused the event, ms after the run started. */
  plannedMs: z.number(),
  /** When the delivery's first attempt started. */
  actualMs: z.number(),
  messageId: z.string().nullable(),
  deliveryId: z.string().nullable(),
  target: z.string(),
  status: z.string(),
  responseCode: z.number().int().nullable(),
  chaos: z.array(ChaosMark),
  jitterMs: z.number(),
  error: z.string().nullable()
})

export const TimelineEntry = z.discriminatedUnion('kind', [TimelineStep, TimelineDelivery])
export type TimelineEntry = z.infer<typeof TimelineEntry>
export type TimelineDelivery = z.infer<typeof TimelineDelivery>

export const ScenarioRun = z.object({
  id: z.string(),
  scenario: z.string(),
  options: z.record(z.string(), z.unknown()),
  /** The seed used (given or drawn), so a run can be repeated. */
  seed: z.number().int(),
  status: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  ids: z.object({ invitationId: z.string().nullable(), submissionId: z.string().nullable(), matchId: z.string().nullable() }),
  deliveries: z.number().int(),
  succeeded: z.number().int(),
  error: z.string().nullable()
})
export type ScenarioRun = z.infer<typeof ScenarioRun>

export const ScenarioTimeline = ScenarioRun.extend({ entries: z.array(TimelineEntry) })
export type ScenarioTimeline = z.infer<typeof ScenarioTimeline>
