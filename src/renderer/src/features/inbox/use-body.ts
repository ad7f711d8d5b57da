/**
 * Decodes a capture's body once per capture: bytes, strict UTF-8 text (null when the
 * bytes are not UTF-8), pretty JSON with pointer lines, and the hex dump.
 */
import { useMemo } from 'react'
import { base64ToBytes, decodeUtf8Strict, hexDump, prettyJson, type PrettyJson } from './body-format'

/** Bodies larger than this are shown raw only: re-formatting megabytes would stall the page. */
export const PRETTY_LIMIT_BYTES = 2 * 1024 * 1024

export interface DecodedBody {
  bytes: Uint8Array
  text: string | null
  pretty: PrettyJson | null
  hex: string
}

export function useBody(bodyBase64: string): DecodedBody {
  return useMemo(() => {
    const bytes = base64ToBytes(bodyBase64)
    const text = decodeUtf8Strict(bytes)
    return {
      bytes,
      text,
      // A BOM would make JSON.parse fail although the rest is JSON: show it pretty anyway.
      pretty: text === null || bytes.length > PRETTY_LIMIT_BYTES ? null : prettyJson(text.replace(/^\uFEFF/, '')),
      hex: text === null ? hexDump(bytes) : ''
    }
  }, [bodyBase64])
}
