/**
 * When bytes can travel as text without changing: strict UTF-8 (a BOM kept, not eaten),
 * so that encoding the text again gives back the very same bytes.
 */

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** The bytes as text when they are valid UTF-8, else null. */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes)
  } catch {
    return null
  }
}

// C0 controls except tab and line feed, DEL, and C1 controls: text a terminal or a shell
// prompt could mangle or act on.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

/** The bytes as text when they are valid UTF-8 with no control characters but tab and newline. */
export function printableText(bytes: Uint8Array): string | null {
  const text = utf8Text(bytes)
  return text !== null && !UNSAFE_CONTROL.test(text) ? text : null
}
