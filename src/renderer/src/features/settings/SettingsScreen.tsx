/**
 * Settings screen (being built).
 */
export default function SettingsScreen() {
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Settings</h1>
      </header>
    </div>
  )
}
