/**
 * A small XML well-formedness check for the JUnit tests: tags nest and close, attributes
 * are quoted, every `&` starts a known entity, and no character XML forbids appears.
 * Enough to catch an unescaped message; not a full parser.
 */
export function assertWellFormedXml(xml: string): { root: string } {
  // eslint-disable-next-line no-control-regex -- finding forbidden characters is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml)) throw new Error('XML holds a control character XML 1.0 forbids')
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, '')
  const stack: string[] = []
  let root = ''
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|<|>|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g
  let m: RegExpExecArray | null
  while ((m = tag.exec(body))) {
    if (m[2] === undefined) {
      if (m[0] === '>') continue // '>' is allowed in text
      throw new Error(`XML not well-formed at ${m.index}: ${JSON.stringify(body.slice(m.index, m.index + 40))}`)
    }
    const [, closing, name, , selfClosing] = m
    if (closing) {
      const open = stack.pop()
      if (open !== name) throw new Error(`</${name}> closes <${open}>`)
    } else {
      if (!root) root = name
      else if (stack.length === 0) throw new Error(`second root element <${name}>`)
      if (!selfClosing) stack.push(name)
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('>, <')}>`)
  if (!root) throw new Error('no root element')
  return { root }
}
