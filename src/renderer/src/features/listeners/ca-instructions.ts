/**
 * How to trust the local CA on each platform, with the real certificate path filled in.
 * The path is quoted for the shell it will be pasted into.
 */
import { shellArg } from '../../../../shared/shell-quote'

export type Platform = 'macos' | 'windows' | 'linux' | 'tools'

export interface CaStep {
  text: string
  command?: string
}

/** Quotes a path for Windows cmd/PowerShell: double quotes (paths cannot contain them). */
function winQuote(path: string): string {
  return /[\s&()^%!]/.test(path) ? `"${path}"` : path
}

export function caInstructions(platform: Platform, caPath: string): CaStep[] {
  const p = shellArg(caPath)
  switch (platform) {
    case 'macos':
      return [
        { text: 'Add it to the System keychain as a trusted root (asks for your password):', command: `sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${p}` },
        { text: 'Browsers and most apps pick it up at once; restart the ones that were open.' }
      ]
    case 'windows':
      return [
        { text: 'Add it to your user’s trusted roots (Command Prompt or PowerShell):', command: `certutil -addstore -user Root ${winQuote(caPath)}` },
        { text: 'Or double-click the saved certificate → Install Certificate → Current User → "Trusted Root Certification Authorities".' }
      ]
    case 'linux':
      return [
        {
          text: 'Debian / Ubuntu:',
          command: `sudo cp ${p} /usr/local/share/ca-certificates/smart-kyc-workbench.crt && sudo update-ca-certificates`
        },
        { text: 'Fedora / RHEL:', command: `sudo trust anchor ${p}` },
        { text: 'Firefox and Chromium keep their own store: import it there under Settings → Certificates → Authorities.' }
      ]
    case 'tools':
      return [
        { text: 'Node.js (your webhook handler, scripts): start it with', command: `NODE_EXTRA_CA_CERTS=${p} node server.js` },
        { text: 'curl:', command: `curl --cacert ${p} https://127.0.0.1:8443/` }
      ]
  }
}
