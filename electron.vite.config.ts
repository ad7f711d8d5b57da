import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { resolve } from 'node:path'
import type { Plugin } from 'vite'
import { META_CONTENT_SECURITY_POLICY } from './src/shared/content-security-policy'

/** Writes the one CSP builder's meta policy into index.html (dev server and build alike). */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'content-security-policy-meta',
    transformIndexHtml: {
      // Before Vite's own %ENV% replacement, which would warn about an unknown variable.
      order: 'pre',
      handler(html) {
        if (!html.includes('%CONTENT_SECURITY_POLICY%')) throw new Error('index.html lost its %CONTENT_SECURITY_POLICY% placeholder')
        return html.replace('%CONTENT_SECURITY_POLICY%', META_CONTENT_SECURITY_POLICY)
      }
    }
  }
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } }
    }
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // CommonJS so the window can stay sandboxed (an ESM preload needs sandbox: false).
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      // electron-vite leaves the renderer unminified (it loads from disk in Electron), but
      // `kyc-hooks serve` sends it to a browser: minified, react-dom and the first chunks
      // parse in a fraction of the time before the first inbox row.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    },
    plugins: [react(), contentSecurityPolicyMeta()]
  }
})
