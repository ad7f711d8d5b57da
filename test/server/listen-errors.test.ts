// `serve` and the listeners turn a failed listen() into the same error: one mapper.
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { listenError } from '../../src/core/receiver/listen-errors'
import { startServer } from '../../src/server/index'
import { WorkbenchError } from '../../src/shared/errors'
import { Scratch } from './helpers'

const scratch = new Scratch()
afterEach(() => scratch.cleanup())

function socketError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`listen ${code}`), { code })
}

describe('listenError', () => {
  it('calls a refused privileged port a permission problem (io), not a taken port', () => {
    const err = listenError(socketError('EACCES'), '127.0.0.1', 443)
    expect(err).toBeInstanceOf(WorkbenchError)
    expect(err.code).toBe('io')
    expect(err.message).toBe('port 443 on 127.0.0.1 needs administrator rights (ports below 1024 usually do): choose a port above 1024, e.g. 8443')
  })

  it('keeps port-in-use for a taken port, and names our own listener holding it', () => {
    expect(listenError(socketError('EADDRINUSE'), '127.0.0.1', 8443)).toMatchObject({
      code: 'port-in-use',
      message: 'port 8443 is in use on 127.0.0.1: choose another port or stop the other program'
    })
    expect(listenError(socketError('EADDRINUSE'), '127.0.0.1', 8443, 'Staging').message).toBe(
      'port 8443 is in use on 127.0.0.1 by the listener "Staging": choose another port or stop that listener'
    )
  })

  it('gives serve the same code and words as a listener for a taken port', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    scratch.defer(() => new Promise<void>((resolve) => blocker.close(() => resolve())))
    const port = (blocker.address() as net.AddressInfo).port
    const wb = await scratch.workbench()
    const refused = await startServer({ workbench: wb, port, rendererDir: scratch.dir() }).catch((e: unknown) => e)
    const expected = listenError(socketError('EADDRINUSE'), '127.0.0.1', port)
    expect(refused).toMatchObject({ code: expected.code, message: expected.message })
  })
})
