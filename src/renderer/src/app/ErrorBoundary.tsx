/**
 * Keeps one screen's render error from blanking the whole app: the message is shown as
 * text with a way back, and the other screens keep working.
 */
import { Component, type ReactNode } from 'react'

interface State {
  error: Error | null
}

export default class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  override render() {
    if (!this.state.error) return this.props.children
    return (
      <div className="empty-state" role="alert" data-testid="screen-error">
        <h2>This screen hit an error</h2>
        <pre className="code-block">{this.state.error.message}</pre>
        <div className="empty-actions">
          <button type="button" className="btn" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      </div>
    )
  }
}
