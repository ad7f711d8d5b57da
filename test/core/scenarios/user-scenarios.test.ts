/** User scenarios in <data folder>/scenarios: loaded from YAML and JSON, and errors name the file, line and field. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWorkbench, type Workbench } from '../../../src/core/workbench'

let dir: string
let wb: Workbench

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-user-scenarios-'))
  fs.mkdirSync(path.join(dir, 'scenarios'))
  wb = await createWorkbench({ db: path.join(dir, 'workbench.sqlite'), background: false })
})

afterEach(async () => {
  await wb.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const GOOD = `name: slow-approval
description: A reviewer takes most of an hour
steps:
  - op: createInvitation
    args: { customerEmail: ada.lovelace@example.com }
  - op: completeInvitation
    delayMs: 5000
  - op: patchSubmission
    delayMs: 3000000
    args:
      status: approved
`

const BAD = `name: broken
steps:
  - op: createInvitation
  - op: completeInvitation
    delayMs: 1000
    args:
      aml: maybe
`

describe('user scenarios', () => {
  it('lists a YAML and a JSON scenario beside the built-ins, with the events they cause', async () => {
    fs.writeFileSync(path.join(dir, 'scenarios', 'slow.yaml'), GOOD)
    fs.writeFileSync(path.join(dir, 'scenarios', 'cancel-fast.json'), JSON.stringify({ steps: [{ op: 'createInvitation' }, { op: 'cancelInvitation', delayMs: 100 }] }, null, 2))
    const { scenarios, problems } = await wb.scenarios.list({})
    expect(problems).toEqual([])
    expect(scenarios.filter((s) => s.source === 'built-in').map((s) => s.name)).toEqual([
      'happy-path',
      'aml-hit-dismissed',
      'aml-hit-rejected',
      'invitation-expired',
      'invitation-cancelled'
    ])
    const slow = await wb.scenarios.get({ name: 'slow-approval' })
    expect(slow).toMatchObject({ source: 'user', durationMs: 3_005_000 })
    expect(slow.events).toEqual(['invitation.sent', 'submission.created', 'submission.completed', 'aml.screening.completed', 'submission.approved'])
    // The file name is the name when the file gives none.
    expect((await wb.scenarios.get({ name: 'cancel-fast' })).events).toEqual(['invitation.sent', 'invitation.cancelled'])
  })

  it('a YAML error names the file, the line and the field', async () => {
    const file = path.join(dir, 'scenarios', 'broken.yml')
    fs.writeFileSync(file, BAD)
    const { problems } = await wb.scenarios.list({})
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file, line: 7, field: 'steps[1].args.aml' })
    expect(problems[0].message).toMatch(/clear|match/)
    await expect(wb.scenarios.get({ name: 'broken' })).rejects.toThrow(/broken\.yml:7:\d+: steps\[1\]\.args\.aml: /)
  })

  it('a missing field points at its parent, and broken YAML syntax at its line', async () => {
    fs.writeFileSync(path.join(dir, 'scenarios', 'no-steps.yaml'), 'name: no-steps\ndescription: forgot them\n')
    fs.writeFileSync(path.join(dir, 'scenarios', 'syntax.yaml'), 'name: syntax\nsteps:\n  - op: createInvitation\n   bad: [\n')
    const { problems } = await wb.scenarios.list({})
    const noSteps = problems.find((p) => p.file.endsWith('no-steps.yaml'))
    expect(noSteps).toMatchObject({ line: 1, field: 'steps' })
    const syntax = problems.find((p) => p.file.endsWith('syntax.yaml'))
    expect(syntax?.line).toBeGreaterThanOrEqual(3)
    expect(syntax?.field).toBeNull()
  })
})
