import { useEffect } from 'react';
import type { Scene } from '../graph/scene.js';
import { useView } from '../state/view.js';
import { StoryEditor } from './StoryEditor.js';
import { StoryList } from './StoryList.js';
import { StoryPlayer } from './StoryPlayer.js';
import { ensureStoryList, useStories } from './store.js';
import './stories.css';

export { StepButtons, StepProgress, stepUrl } from './StepControls.js';

/** The Stories tab: the list of stories, the player of the one being played, and the editor. */
export function StoriesPanel({ scene }: { scene: Scene }) {
  const playing = useView((s) => s.story !== null);
  const editing = useStories((s) => s.editing);
  useEffect(() => ensureStoryList(), []);
  return (
    <div className="stories">
      {editing ? (
        <StoryEditor id={editing} scene={scene} />
      ) : playing ? (
        <StoryPlayer />
      ) : (
        <StoryList scene={scene} />
      )}
    </div>
  );
}
