// The contract's story schema, on its own so the page loads it (and zod) only when a file is imported.
import './zod-jitless.js';

export { storyInput } from '../../../contract/stories.js';
