// Electron's binary cannot be downloaded on CI machines, and `require('electron')` from
// plain Node tries to download it. So: only src/main and src/preload import electron, and
// every test that loads one of those modules (directly or through another) mocks it.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')

function filesUnder(dir: string): string[] {
  const abs = path.join(root, dir)
  if (!fs.existsSync(abs)) return []
  return fs
    .readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|mjs|js)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
}

const RUNTIME_IMPORT = /(?:^|[\n;])\s*import\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|export\s+(?!type\s)[^'";]*?\sfrom\s+['"]([^'"]+)['"]/g

/** The module specifiers a file loads at run time (type-only imports are erased). */
function runtimeImports(file: string): string[] {
  // Comments may mention require('electron'); only code counts.
  const source = fs
    .readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
  return [...source.matchAll(RUNTIME_IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4])
}

function resolveRelative(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null
  const base = path.resolve(path.dirname(from), spec)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  }
  return null
}

/** Files that load electron when imported, directly or through other project files. */
function electronLoaders(): Set<string> {
  const all = [...filesUnder('src'), ...filesUnder('scripts'), ...filesUnder('bin')]
  const graph = new Map(all.map((f) => [f, runtimeImports(f)]))
  const loaders = new Set<string>()
  let grew = true
  while (grew) {
    grew = false
    for (const [file, specs] of graph) {
      if (loaders.has(file)) continue
      const loads = specs.some((s) => s === 'electron' || s.startsWith('electron/') || loaders.has(resolveRelative(file, s) ?? ''))
      if (loads) {
        loaders.add(file)
        grew = true
      }
    }
  }
  return loaders
}

const rel = (f: string) => path.relative(root, f)

describe('the real electron package stays out of Node', () => {
  const loaders = electronLoaders()

  it('is loaded only by src/main and src/preload', () => {
    const outside = [...loaders].map(rel).filter((f) => !f.startsWith(`src${path.sep}main${path.sep}`) && !f.startsWith(`src${path.sep}preload${path.sep}`))
    expect(outside).toEqual([])
    // The detector works: the shell's entry points do load electron.
    expect([...loaders].map(rel)).toEqual(expect.arrayContaining([path.join('src', 'main', 'index.ts'), path.join('src', 'preload', 'index.ts')]))
  })

  it('is mocked by every test that loads a module that imports it', () => {
    const offenders = filesUnder('test').filter((file) => {
      const specs = runtimeImports(file)
      const loads = specs.some((s) => s === 'electron' || loaders.has(resolveRelative(file, s) ?? ''))
      return loads && !/vi\.mock\(\s*['"]electron['"]/.test(fs.readFileSync(file, 'utf8'))
    })
    expect(offenders.map(rel)).toEqual([])
  })
})
