/**
 * Saves text as a file through the browser's download (Blob + a[download]). The same works
 * in the desktop app, where Electron shows its save dialog. The filename comes from the
 * engine or a constant, never from captured data, and is reduced to safe characters anyway.
 */
export function downloadText(filename: string, content: string, mime: string): void {
  downloadParts(filename, [content], mime)
}

/** Saves text made of several parts (an export's pages) as one file, without joining them first. */
export function downloadParts(filename: string, parts: string[], mime: string): void {
  const safeName = filename.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '') || 'download.txt'
  const url = URL.createObjectURL(new Blob(parts, { type: mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = safeName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Give the download a moment to start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
