/**
 * Reading rejected calls. Over IPC an Error loses its class on the way, so errors are read
 * by shape (`code`, `message`), not with instanceof.
 */

/** The wire error code of a rejected call (`bad-input`, `unauthorized`, ...), or null. */
export function errorCode(err: unknown): string | null {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') {
    return (err as { code: string }).code
  }
  return null
}

/** The words of a rejected call, for a toast. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message)
  return String(err)
}
