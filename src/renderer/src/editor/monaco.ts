/**
 * Monaco, loaded on demand. Nothing here runs until the first CodeEditor mounts, so the
 * first paint never waits for the ~5 MB editor. Everything comes from the local
 * monaco-editor package (no CDN, no AMD loader): the workers are bundled by Vite as
 * separate files, which the CSP allows (`worker-src 'self' blob:`).
 */
import type * as MonacoApi from 'monaco-editor/editor'

export type Monaco = typeof MonacoApi

let loading: Promise<Monaco> | null = null

/** Load Monaco once; every caller shares the same promise. */
export function loadMonaco(): Promise<Monaco> {
  if (!loading) {
    loading = doLoad().catch((err: unknown) => {
      // Let a later mount try again instead of caching a failed chunk load forever.
      loading = null
      throw err
    })
  }
  return loading
}

async function doLoad(): Promise<Monaco> {
  const [monaco, editorWorker, jsonWorker] = await Promise.all([
    import('monaco-editor/editor'),
    import('monaco-editor/editor/editor.worker?worker'),
    import('monaco-editor/languages/features/json/json.worker?worker'),
    // 'monaco-editor/editor' is the bare API: the widgets users expect (suggestions, hover
    // docs, find, folding, snippets, the context menu, copy/paste) are opt-in contributions
    // in 0.57. register.all brings them, minus the suggest widget and core commands, which
    // only the full editor.main entry imports, so they are added by name.
    import('monaco-editor/features/register.all'),
    import('monaco-editor/editor/browser/coreCommands'),
    import('monaco-editor/editor/contrib/suggest/browser/suggestController'),
    // The JSON language: tokens, completion, hover and diagnostics from the registered schemas.
    import('monaco-editor/languages/features/json/register')
  ])
  const EditorWorker = editorWorker.default
  const JsonWorker = jsonWorker.default
  self.MonacoEnvironment = {
    getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker())
  }
  followTheme(monaco)
  return monaco
}

/** The Monaco theme for the app's current look: an explicit data-theme wins over the OS. */
export function currentMonacoTheme(): 'vs' | 'vs-dark' {
  const explicit = document.documentElement.dataset.theme
  if (explicit === 'dark') return 'vs-dark'
  if (explicit === 'light') return 'vs'
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'vs-dark' : 'vs'
}

let following = false

/** Monaco's theme is global, so one observer serves every editor on the page. */
function followTheme(monaco: Monaco): void {
  if (following) return
  following = true
  const apply = () => monaco.editor.setTheme(currentMonacoTheme())
  apply()
  new MutationObserver(apply).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme', 'class']
  })
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', apply)
}
