/**
 * Inbox screen (being built).
 */
export default function InboxScreen() {
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Inbox</h1>
      </header>
    </div>
  )
}
