/**
 * Shown instead of the app when `kyc-hooks serve` refused the page's token: the page was
 * opened without the `?token=` the server printed (or with an old one).
 */
export default function UnauthorizedPage() {
  const origin = window.location.origin
  return (
    <main className="unauthorized" data-testid="unauthorized-page">
      <div className="unauthorized-card">
        <h1>This page needs the token from kyc-hooks serve</h1>
        <p>
          The Workbench server only answers pages that carry its access token, so other sites and other users on
          this machine cannot read your captured webhooks.
        </p>
        <p>
          Open the URL that <code>kyc-hooks serve</code> printed when it started. It looks like:
        </p>
        <pre className="code-block">{`${origin}/?token=…`}</pre>
        <p className="muted">
          The token changes each time the server starts. If you restarted it, copy the new URL from its output.
        </p>
      </div>
    </main>
  )
}
