/**
 * The preload: runs in the sandboxed renderer before the page and exposes exactly one
 * object, `window.workbench` (call, subscribe, onNavigate). Built as CommonJS
 * (out/preload/index.cjs) because a sandboxed preload cannot be an ES module.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { createBridge } from './create-bridge'

const bridge = createBridge(ipcRenderer)

// Fresh wrapper functions, so nothing but these three names crosses the bridge.
contextBridge.exposeInMainWorld('workbench', {
  call: (method: string, input: unknown) => bridge.call(method as never, input as never),
  subscribe: (event: string, handler: (payload: unknown) => void) => bridge.subscribe(event as never, handler),
  onNavigate: (handler: (screen: string) => void) => bridge.onNavigate(handler)
})
