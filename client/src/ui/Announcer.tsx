import { useAnnounce } from './announce.js';

/** The page's polite live region: graph changes, said in words. */
export function Announcer() {
  const spoken = useAnnounce((s) => s.spoken);
  return (
    <div className="sr-only" aria-live="polite">
      {spoken}
    </div>
  );
}
