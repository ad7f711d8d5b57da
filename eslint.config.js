import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const noElectron = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: 'The engine, contract, CLI and server never import electron: only src/main and src/preload may.' }],
      patterns: [{ group: ['electron/*'], message: 'Only src/main and src/preload may import electron.' }]
    }
  ]
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'tmp/**', '.electron-native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error'
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } }
  },
  {
    files: ['src/core/**/*', 'src/shared/**/*', 'src/cli/**/*', 'src/server/**/*', 'src/renderer/**/*'],
    rules: noElectron
  }
)
