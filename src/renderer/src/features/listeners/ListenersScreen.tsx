/**
 * Listeners screen (being built).
 */
export default function ListenersScreen() {
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Listeners</h1>
      </header>
    </div>
  )
}
