import { DatabaseStatus } from './health/DatabaseStatus.js';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="brand">Trove</h1>
        <p className="tagline">Who did what, where and when — with the sentence behind every link.</p>
        <DatabaseStatus />
      </header>
      <main className="app-main" aria-label="Relationship graph" />
    </div>
  );
}
