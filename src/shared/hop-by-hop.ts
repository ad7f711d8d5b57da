/**
 * Hop-by-hop headers: they belong to one connection, so a proxy, a forward or a replay never
 * carries them on (RFC 9110 §7.6.1, plus Trailer from RFC 7230 and Expect, which Node's HTTP
 * client refuses). One list for the receiver's forwarding and the sender's header rules.
 */
const HOP_BY_HOP: ReadonlySet<string> = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect'])

/** True for a hop-by-hop header name (any case), including every Proxy-* header. */
export function isHopByHop(name: string): boolean {
  const lower = name.toLowerCase()
  return HOP_BY_HOP.has(lower) || lower.startsWith('proxy-')
}
