import { useEffect } from 'react';
import { useHistoryState } from './store.js';
import { step } from './store.js';
import './history.css';

/** The visible line after a write, undo or redo, with the way back; it fades after a while. */
export function HistoryNotice() {
  const notice = useHistoryState((s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => useHistoryState.setState({ notice: null }), 8000);
    return () => window.clearTimeout(timer);
  }, [notice]);
  if (!notice) return null;
  return (
    <div className={`history-notice ${notice.error ? 'history-notice--error' : ''}`} role="status">
      <span>{notice.text}</span>
      {notice.error ? null : (
        <button
          type="button"
          className="btn btn--small"
          onClick={() => void step(notice.text.startsWith('Undid') ? 'redo' : 'undo')}
        >
          {notice.text.startsWith('Undid') ? 'Redo (Ctrl-Shift-Z)' : 'Undo (Ctrl-Z)'}
        </button>
      )}
      <button
        type="button"
        className="btn btn--small btn--ghost"
        aria-label="Dismiss"
        onClick={() => useHistoryState.setState({ notice: null })}
      >
        ×
      </button>
    </div>
  );
}
