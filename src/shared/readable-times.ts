/**
 * Rotation times inside secret labels ("previous API secret (rotated 2026-12-02T09:35:12.000Z)")
 * and the diagnoses that quote them. The engine writes them as ISO 8601 UTC and they are
 * stored that way with each capture's verdict, so every face formats them where it shows
 * them: the UI in the viewer's local time, the CLI as "2026-12-02 09:35 UTC".
 */

/** An ISO 8601 UTC time as the engine writes them, anywhere in a text. */
export const ISO_UTC_IN_TEXT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?Z\b/g

/** "2026-12-02 09:35 UTC": minutes are enough to tell rotations apart, and no "T…Z" to decode. */
export function readableUtc(iso: string): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** `text` with every ISO UTC time in it replaced by `format(iso)` (readable UTC by default). */
export function withReadableTimes(text: string, format: (iso: string) => string = readableUtc): string {
  return text.replace(ISO_UTC_IN_TEXT, (iso) => format(iso))
}
