import { EventEmitter } from 'node:events'
import type { EventKey, EventPayload } from '../shared/contract'

type Handler<E extends EventKey> = (payload: EventPayload<E>) => void
type AnyHandler = <E extends EventKey>(event: E, payload: EventPayload<E>) => void

/**
 * The engine's typed event stream. Services emit; transports (IPC, WebSocket, CLI output)
 * subscribe. The engine never knows who listens, so it never imports a window or a socket.
 */
export class EventBus {
  private readonly emitter = new EventEmitter()

  constructor() {
    // Every UI connection subscribes once; many browser tabs are legitimate.
    this.emitter.setMaxListeners(0)
  }

  emit<E extends EventKey>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit(event, payload)
    this.emitter.emit('*', event, payload)
  }

  on<E extends EventKey>(event: E, handler: Handler<E>): () => void {
    this.emitter.on(event, handler as (p: unknown) => void)
    return () => this.emitter.off(event, handler as (p: unknown) => void)
  }

  onAny(handler: AnyHandler): () => void {
    this.emitter.on('*', handler)
    return () => this.emitter.off('*', handler)
  }
}
