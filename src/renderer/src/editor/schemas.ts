/**
 * JSON Schemas for Monaco's JSON language service. Monaco keeps one global list of
 * schemas, each applied to the models whose URI is in its `fileMatch`; this module owns
 * that list so several editors (the composer, a read-only capture view) can each bind a
 * schema to their own model without overwriting each other's.
 */
import { loadMonaco } from './monaco'

/** A schema as CodeEditor takes it: a stable URI naming it (e.g. per event) and the schema itself. */
export interface EditorSchema {
  uri: string
  schema: object
}

/** model URI -> the schema bound to it */
const bindings = new Map<string, EditorSchema>()

/** The schema URI for one Smart KYC event, shared by every editor that shows that event. */
export function eventSchemaUri(event: string): string {
  return `kyc-schema://events/${encodeURIComponent(event)}.json`
}

/** Bind `schema` to the model at `modelUri` (replacing its previous schema, if any). */
export async function bindSchema(modelUri: string, schema: EditorSchema): Promise<void> {
  bindings.set(modelUri, schema)
  await publish()
}

/** Forget the schema of a model that is going away. */
export async function unbindSchema(modelUri: string): Promise<void> {
  if (!bindings.delete(modelUri)) return
  await publish()
}

/** Group the bindings into Monaco's shape: one entry per schema URI, listing its models. */
export function schemaEntries(
  entries: Iterable<[string, EditorSchema]>
): { uri: string; fileMatch: string[]; schema: object }[] {
  const byUri = new Map<string, { uri: string; fileMatch: string[]; schema: object }>()
  for (const [modelUri, { uri, schema }] of entries) {
    const entry = byUri.get(uri)
    if (entry) {
      entry.fileMatch.push(modelUri)
      // The newest binding wins, so a refreshed catalog schema replaces a stale one.
      entry.schema = schema
    } else {
      byUri.set(uri, { uri, fileMatch: [modelUri], schema })
    }
  }
  return [...byUri.values()]
}

async function publish(): Promise<void> {
  await loadMonaco()
  const { jsonDefaults } = await import('monaco-editor/languages/features/json/register')
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    // Webhook bodies are strict JSON: comments or trailing commas would break the receiver.
    allowComments: false,
    comments: 'error',
    trailingCommas: 'error',
    // Never fetch a `$ref` from the network: everything the editor needs is local.
    enableSchemaRequest: false,
    schemaValidation: 'error',
    schemaRequest: 'ignore',
    schemas: schemaEntries(bindings)
  })
}
