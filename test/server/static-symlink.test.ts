// The static handler's own guard (the reason it is not sirv or serve-static, which follow
// symlinks): a symlink inside the built UI must not lead outside it.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer } from '../../src/server/index'
import { Scratch, rawRequest } from './helpers'

const scratch = new Scratch()
afterEach(() => scratch.cleanup())

describe('the served UI folder', () => {
  it('refuses a symlink that leads outside it, and serves one that stays inside', async () => {
    const parent = scratch.dir()
    const root = path.join(parent, 'renderer')
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true })
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Workbench</title>')
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("app")')
    fs.writeFileSync(path.join(parent, 'secret.txt'), 'TOP SECRET')
    fs.symlinkSync(path.join(parent, 'secret.txt'), path.join(root, 'assets', 'leak.txt'))
    fs.symlinkSync(path.join(root, 'assets', 'app.js'), path.join(root, 'assets', 'alias.js'))

    const server = await startServer({ workbench: await scratch.workbench(), port: 0, rendererDir: root })
    scratch.defer(() => server.close())

    const leak = await rawRequest(server.port, { path: '/assets/leak.txt' })
    expect(leak.status).toBe(404)
    expect(leak.body).not.toContain('TOP SECRET')
    const alias = await rawRequest(server.port, { path: '/assets/alias.js' })
    expect(alias.status).toBe(200)
    expect(alias.body).toBe('console.log("app")')
  })
})
