import { endStory, storyStep } from '../state/actions';
import { useLab } from '../state/store';

/** The story being shown: its scene's caption, previous / next (← / →), and a way out. */
export function StoryBar() {
  const story = useLab((s) => s.story);
  if (!story) return null;
  const { at } = story;
  const n = story.story.scenes.length;
  return (
    <section className="story-bar" aria-label="Story" data-testid="story-bar">
      <button type="button" onClick={() => storyStep(-1)} disabled={at === 0} aria-label="Previous scene (←)">
        ◀
      </button>
      <span className="story-text" aria-live="polite">
        <b>
          {at + 1}/{n}
        </b>{' '}
        <span data-testid="story-caption">{story.story.scenes[at].caption}</span>
      </span>
      <button type="button" onClick={() => storyStep(1)} disabled={at === n - 1} aria-label="Next scene (→)">
        ▶
      </button>
      <button type="button" onClick={() => endStory()} title="Leave the story (the scene stays)">
        ✕
      </button>
    </section>
  );
}
