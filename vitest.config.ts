import { configDefaults, defineConfig } from 'vitest/config'

// Tests that read the electron-vite output (out/): the browser suite and the checks on the
// built bundles. `npm test` builds first and runs every project; `npm run test:unit` runs
// only the `unit` project, which needs no build.
const NEEDS_BUILD = ['test/e2e/**/*.spec.ts', 'test/main/built-shell.test.ts']

export default defineConfig({
  test: {
    environment: 'node',
    // Real sockets, real databases and a real browser: generous, but never a timing assertion.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.spec.ts'],
          exclude: [...configDefaults.exclude, ...NEEDS_BUILD]
        }
      },
      {
        extends: true,
        test: { name: 'built', include: NEEDS_BUILD }
      }
    ]
  }
})
