/**
 * A Monaco editor behind a small controlled-component API. Until Monaco has loaded (it is
 * a separate, lazily fetched chunk) the same text shows in a plain <pre> (read-only) or
 * <textarea> (editable), so the first paint never waits for the editor and the text is
 * usable at once. Content is always text: Monaco renders it, nothing is parsed as HTML.
 */
import { useEffect, useRef, useState } from 'react'
import type * as MonacoApi from 'monaco-editor/editor'
import { loadMonaco } from './monaco'
import { bindSchema, unbindSchema, type EditorSchema } from './schemas'
import './code-editor.css'
import { messageOf } from '../../../shared/errors'

export interface CodeEditorProps {
  value: string
  onChange?: (value: string) => void
  readOnly?: boolean
  language: 'json' | 'plaintext'
  /** JSON Schema for completion, hover docs and squiggles (json only). */
  schema?: EditorSchema
  /** CSS height; numbers are pixels. Defaults to 320. */
  height?: number | string
  /** Accessible name of the text area (getByLabel finds it). */
  ariaLabel: string
  testId?: string
  /** Called on Ctrl/Cmd+Enter inside the editor (e.g. "send"). */
  onSubmit?: () => void
  /** Shown while the text is empty. */
  placeholder?: string
  /** Scroll to and select this 1-based line; `key` changes to reveal the same line again. */
  revealLine?: { line: number; key: number }
}

let modelCounter = 0

/** The line ending a text uses throughout, or null when it has none or mixes them. */
function preferredEol(text: string): 'lf' | 'crlf' | null {
  const crlf = text.split('\r\n').length - 1
  const lf = text.split('\n').length - 1 - crlf
  if (crlf > 0 && lf === 0) return 'crlf'
  if (lf > 0 && crlf === 0) return 'lf'
  return null
}

/** Controlled Monaco editor; see CodeEditorProps. */
export default function CodeEditor(props: CodeEditorProps) {
  const { value, onChange, readOnly = false, language, schema, height = 320, ariaLabel, testId, onSubmit, revealLine, placeholder } = props
  const hostRef = useRef<HTMLDivElement>(null)
  const editorRef = useRef<MonacoApi.editor.IStandaloneCodeEditor | null>(null)
  const [ready, setReady] = useState(false)
  const [loadError, setLoadError] = useState<string | null>(null)
  // The model URI is fixed for the component's life: schemas bind to it by fileMatch.
  const [modelUri] = useState(() => `inmemory://kyc/editor-${++modelCounter}.${language === 'json' ? 'json' : 'txt'}`)
  // The text Monaco holds as far as React knows: compared with `value` instead of
  // model.getValue(), because Monaco strips a BOM and would otherwise loop forever.
  const shownRef = useRef(value)
  // Latest callbacks without re-creating the editor.
  const onChangeRef = useRef(onChange)
  const onSubmitRef = useRef(onSubmit)
  onChangeRef.current = onChange
  onSubmitRef.current = onSubmit
  const applyingExternalRef = useRef(false)
  const valueRef = useRef(value)
  valueRef.current = value

  useEffect(() => {
    let disposed = false
    let editor: MonacoApi.editor.IStandaloneCodeEditor | null = null
    let model: MonacoApi.editor.ITextModel | null = null
    loadMonaco()
      .then((monaco) => {
        if (disposed || !hostRef.current) return
        const uri = monaco.Uri.parse(modelUri)
        model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(valueRef.current, language, uri)
        shownRef.current = valueRef.current
        editor = monaco.editor.create(hostRef.current, {
          model,
          readOnly,
          ariaLabel,
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fontSize: 12.5,
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
          tabSize: 2,
          renderWhitespace: 'selection',
          // Hostile bodies may carry bidi or invisible characters: make them visible.
          unicodeHighlight: { ambiguousCharacters: true, invisibleCharacters: true },
          // In JSON the schema drives completion; words from the document only add noise.
          wordBasedSuggestions: language === 'json' ? 'off' : 'currentDocument',
          // Never rewrite the text behind the user's back: the bytes are what gets signed.
          unusualLineTerminators: 'off',
          wordWrap: readOnly ? 'on' : 'off',
          fixedOverflowWidgets: true,
          tabFocusMode: false,
          lineNumbersMinChars: 3,
          padding: { top: 6, bottom: 6 },
          placeholder
        })
        editor.onDidChangeModelContent(() => {
          if (!model || applyingExternalRef.current) return
          // preserveBOM: the bytes matter here (signatures), so keep what the user has.
          const next = model.getValue(monaco.editor.EndOfLinePreference.TextDefined, true)
          shownRef.current = next
          onChangeRef.current?.(next)
        })
        editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => onSubmitRef.current?.())
        // Esc leaves the editor for the page (Tab indents inside it, so keyboard users need a
        // way out) unless Esc has an editor meaning right now (a widget, a snippet, cursors).
        editor.addCommand(
          monaco.KeyCode.Escape,
          () => (document.activeElement as HTMLElement | null)?.blur(),
          '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !inSnippetMode && !editorHasMultipleSelections && !renameInputVisible && !markersNavigationVisible'
        )
        editorRef.current = editor
        setReady(true)
      })
      .catch((err: unknown) => {
        if (!disposed) setLoadError(messageOf(err))
      })
    return () => {
      disposed = true
      editor?.dispose()
      model?.dispose()
      editorRef.current = null
    }
    // The editor is created once; later prop changes are applied by the effects below.
  }, [])

  // Outside changes of `value` (reset to template, a new capture) replace the text.
  useEffect(() => {
    const editor = editorRef.current
    const model = editor?.getModel()
    if (!editor || !model || value === shownRef.current) return
    shownRef.current = value
    // A change that came from the parent is not a user edit: echoing Monaco's copy back
    // would replace the parent's exact text with Monaco's (line endings normalised).
    applyingExternalRef.current = true
    try {
      if (readOnly) {
        model.setValue(value)
      } else {
        // Keep CRLF text CRLF, so the user's later edits do not silently change the bytes.
        const eol = preferredEol(value)
        if (eol) model.pushEOL(eol === 'crlf' ? 1 /* EndOfLineSequence.CRLF */ : 0 /* EndOfLineSequence.LF */)
        // An edit operation rather than setValue keeps undo (Ctrl+Z undoes a reset).
        editor.pushUndoStop()
        editor.executeEdits('external', [{ range: model.getFullModelRange(), text: value }])
        editor.pushUndoStop()
      }
    } finally {
      applyingExternalRef.current = false
    }
  }, [value, ready, readOnly])

  const revealAt = revealLine?.line
  const revealKey = revealLine?.key
  useEffect(() => {
    const editor = editorRef.current
    const model = editor?.getModel()
    if (!editor || !model || !revealAt || revealAt > model.getLineCount()) return
    editor.revealLineInCenter(revealAt)
    editor.setSelection({ startLineNumber: revealAt, startColumn: 1, endLineNumber: revealAt, endColumn: model.getLineMaxColumn(revealAt) })
  }, [revealAt, revealKey, ready])

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly, ariaLabel })
  }, [readOnly, ariaLabel, ready])

  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (!model || model.getLanguageId() === language) return
    void loadMonaco().then((monaco) => monaco.editor.setModelLanguage(model, language))
  }, [language, ready])

  // Depend on the parts, not the wrapper object, so an inline `schema={{...}}` does not rebind every render.
  const schemaUri = schema?.uri
  const schemaBody = schema?.schema
  useEffect(() => {
    if (language !== 'json' || !schemaUri || !schemaBody) return
    void bindSchema(modelUri, { uri: schemaUri, schema: schemaBody })
    return () => void unbindSchema(modelUri)
  }, [language, modelUri, schemaUri, schemaBody])

  const style = { height: typeof height === 'number' ? `${height}px` : height }
  return (
    <div className="code-editor" style={style} data-testid={testId} data-ready={ready ? 'true' : 'false'}>
      {!ready &&
        (readOnly ? (
          <pre className="code-editor__fallback" aria-label={ariaLabel} tabIndex={0}>
            {value}
          </pre>
        ) : (
          <textarea
            className="code-editor__fallback"
            aria-label={ariaLabel}
            value={value}
            spellCheck={false}
            placeholder={placeholder}
            onChange={(e) => onChange?.(e.target.value)}
            onKeyDown={(e) => {
              if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
                e.preventDefault()
                onSubmit?.()
              }
            }}
          />
        ))}
      {loadError && !ready && (
        <div className="code-editor__error" role="status">
          Editor failed to load ({loadError}); plain text editing still works.
        </div>
      )}
      <div ref={hostRef} className="code-editor__host" aria-hidden={!ready} />
    </div>
  )
}
