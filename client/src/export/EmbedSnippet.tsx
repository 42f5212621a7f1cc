import { useId, useState } from 'react';
import { announce } from '../ui/announce.js';
import './export.css';

/** The `<iframe>` a course page pastes to show a read-only view (the /embed page allows framing). */
export function iframeSnippet(url: string, title: string): string {
  const escape = (text: string) =>
    text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return `<iframe src="${escape(url)}" width="640" height="400" title="${escape(title)}" style="border:0" loading="lazy"></iframe>`;
}

/** A ready snippet to embed a view, shown and copied in one click. */
export function EmbedSnippet({ url, title }: { url: string; title: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  const absolute = new URL(url, window.location.origin).href;
  const snippet = iframeSnippet(absolute, title);
  return (
    <details className="embed-snippet">
      <summary>Embed in a web page</summary>
      <label htmlFor={`${id}-code`} className="field-label">
        Paste this into your page’s HTML
      </label>
      <textarea
        id={`${id}-code`}
        className="embed-snippet-code"
        readOnly
        rows={3}
        value={snippet}
        onFocus={(event) => event.currentTarget.select()}
      />
      <button
        type="button"
        className="btn btn--small"
        onClick={() => {
          void navigator.clipboard.writeText(snippet).then(
            () => {
              setCopied(true);
              announce('Embed code copied.');
            },
            () => setCopied(false),
          );
        }}
      >
        {copied ? 'Copied' : 'Copy embed code'}
      </button>
    </details>
  );
}
