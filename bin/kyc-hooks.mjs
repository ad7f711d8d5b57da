#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so `npx kyc-hooks` works from a
// fresh checkout right after `npm install`, with no build step to forget.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/index.ts')
