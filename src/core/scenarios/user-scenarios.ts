/**
 * User-written scenarios: <data folder>/scenarios/*.json|yaml|yml. JSON is read with the YAML
 * parser too (JSON is YAML), so both keep their source positions and a schema error names
 * the file, the line and the field ("steps[1].args.aml").
 */
import fs from 'node:fs'
import path from 'node:path'
import { LineCounter, isNode, parseDocument, type Document } from 'yaml'
import type { z } from 'zod'
import { Scenario, type ScenarioProblem } from '../../shared/scenario-models'

const EXTENSIONS = new Set(['.json', '.yaml', '.yml'])
/** A scenario file is a few kilobytes; anything far bigger is not one. */
const MAX_FILE_BYTES = 256 * 1024

export interface UserScenario {
  scenario: Scenario
  file: string
}

export function scenariosDir(dataDir: string): string {
  return path.join(dataDir, 'scenarios')
}

function fieldOf(p: PropertyKey[]): string {
  let out = ''
  for (const key of p) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`
  return out
}

/** The line and column of the deepest node on `p` that exists (the parent, for a missing field). */
function positionOf(doc: Document, counter: LineCounter, p: PropertyKey[]): { line: number; column: number } | null {
  for (let n = p.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(p.slice(0, n) as unknown[], true)
    if (isNode(node) && node.range) {
      const pos = counter.linePos(node.range[0])
      return { line: pos.line, column: pos.col }
    }
  }
  return null
}

/** Parses one file's text: the scenario, or the problems with line and field. */
export function parseScenarioText(text: string, file: string): { scenario: Scenario } | { problems: ScenarioProblem[] } {
  const counter = new LineCounter()
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => {
        const pos = counter.linePos(e.pos[0])
        return { file, line: pos?.line ?? null, column: pos?.col ?? null, field: null, message: e.message.split('\n')[0] }
      })
    }
  }
  const value: unknown = doc.toJS()
  const fallbackName = path.basename(file).replace(/\.(json|ya?ml)$/i, '')
  const withName = value && typeof value === 'object' && !Array.isArray(value) && !('name' in value) ? { ...value, name: fallbackName } : value
  const parsed = Scenario.safeParse(withName)
  if (parsed.success) return { scenario: parsed.data }
  return { problems: parsed.error.issues.map((issue) => problemOf(issue, doc, counter, file)) }
}

function problemOf(issue: z.core.$ZodIssue, doc: Document, counter: LineCounter, file: string): ScenarioProblem {
  const pos = positionOf(doc, counter, issue.path)
  const field = issue.path.length ? fieldOf(issue.path) : null
  return { file, line: pos?.line ?? null, column: pos?.column ?? null, field, message: issue.message }
}

/** "file:3:5: steps[1].args.aml: Invalid option..." — one line a person can act on. */
export function problemText(p: ScenarioProblem): string {
  const where = p.line === null ? p.file : `${p.file}:${p.line}${p.column === null ? '' : `:${p.column}`}`
  return `${where}: ${p.field ? `${p.field}: ` : ''}${p.message}`
}

/** Every user scenario file in the folder, loaded or with its problems; a missing folder is none. */
export function loadUserScenarios(dataDir: string): { scenarios: UserScenario[]; problems: ScenarioProblem[] } {
  const dir = scenariosDir(dataDir)
  const scenarios: UserScenario[] = []
  const problems: ScenarioProblem[] = []
  let names: string[]
  try {
    names = fs.readdirSync(dir).sort()
  } catch {
    return { scenarios, problems }
  }
  for (const name of names) {
    if (!EXTENSIONS.has(path.extname(name).toLowerCase())) continue
    const file = path.join(dir, name)
    try {
      const stat = fs.statSync(file)
      if (!stat.isFile()) continue
      if (stat.size > MAX_FILE_BYTES) {
        problems.push({ file, line: null, column: null, field: null, message: `the file is ${stat.size} bytes; a scenario file is at most ${MAX_FILE_BYTES}` })
        continue
      }
      const result = parseScenarioText(fs.readFileSync(file, 'utf8'), file)
      if ('scenario' in result) scenarios.push({ scenario: result.scenario, file })
      else problems.push(...result.problems)
    } catch (err) {
      problems.push({ file, line: null, column: null, field: null, message: `cannot read it: ${(err as Error).message}` })
    }
  }
  return { scenarios, problems }
}
