import { useState } from 'react';
import { graphController } from '../graph/controller.js';
import { announce } from '../ui/announce.js';
import { downloadBlob, exportViewImage, fileSlug, type ImageFormat } from './image.js';

/** "PNG" and "SVG" buttons that save what the graph shows, with a caption and a source line. */
export function ExportButtons({
  caption,
  source,
  name,
  label = 'Export image',
}: {
  caption: string;
  source: string;
  name: string;
  label?: string;
}) {
  const [busy, setBusy] = useState<ImageFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (format: ImageFormat) => {
    setBusy(format);
    setError(null);
    try {
      const blob = await exportViewImage(graphController().cy, { format, caption, source });
      downloadBlob(blob, `${fileSlug(name)}.${format}`);
      announce(`${format.toUpperCase()} image saved.`);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="export-buttons" role="group" aria-label={label}>
      <span className="muted">{label}:</span>
      {(['png', 'svg'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="btn btn--small"
          disabled={busy !== null}
          onClick={() => void run(format)}
        >
          {format.toUpperCase()}
          <span className="sr-only"> image of {name}</span>
        </button>
      ))}
      {error ? (
        <p role="alert" className="error-box">
          The image could not be made: {error}
        </p>
      ) : null}
    </div>
  );
}
