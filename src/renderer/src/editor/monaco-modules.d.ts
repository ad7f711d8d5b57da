/**
 * Side-effect-only Monaco contributions that ship without type declarations: they are
 * imported for what they register, never for a value.
 */
declare module 'monaco-editor/editor/browser/coreCommands'
declare module 'monaco-editor/editor/contrib/suggest/browser/suggestController'
