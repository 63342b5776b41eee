import { decodeScenario } from './codec';
import { clip, quote } from './read';

/**
 * A story: scenes shown one after the other like slides, each a share link (a scenario, possibly
 * with view keys) and a caption. Itself a link:
 *   story1&title=…&scene=<link>&cap=<caption>&scene=<link>&cap=…&at=2
 * Values are percent-encoded (a scene's link has its own & and =); `cap` belongs to the scene
 * before it; `at` (1-based, optional) is the scene to open.
 */
export interface StoryScene {
  /** The scene's share link without '#', e.g. `v1&d=0.05&view=density&play=1`. */
  link: string;
  caption: string;
}

export interface Story {
  title: string;
  scenes: StoryScene[];
}

export type StoryResult =
  | { ok: true; story: Story; at: number }
  | { ok: false; error: { field: string; message: string } };

export const STORY_VERSION = 1;
export const MAX_SCENES = 40;
export const MAX_CAPTION = 400;
export const MAX_TITLE = 120;

const PREFIX = `story${STORY_VERSION}`;

/** Whether a hash (with or without '#') is a story link rather than a scenario link. */
export function isStoryLink(hash: string): boolean {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  return /^story[0-9]+(&|$)/.test(body);
}

/** The link text of a story (without '#'); `at` the 0-based scene to open (omitted when 0). */
export function encodeStory(story: Story, at = 0): string {
  const out = [PREFIX];
  if (story.title) out.push(`title=${encodeURIComponent(story.title)}`);
  for (const s of story.scenes) {
    out.push(`scene=${encodeURIComponent(s.link)}`);
    if (s.caption) out.push(`cap=${encodeURIComponent(s.caption)}`);
  }
  if (at > 0) out.push(`at=${at + 1}`);
  return out.join('&');
}

class StoryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function decodeValue(text: string, field: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new StoryError(field, `malformed percent-encoding in ${quote(text)}`);
  }
}

/**
 * A story from its link (hash with or without '#'). Every scene's scenario must decode (the
 * error names the scene); never throws. `at` is 0-based, clamped into the scenes.
 */
export function decodeStory(input: string): StoryResult {
  try {
    return readStory(input);
  } catch (e) {
    if (e instanceof StoryError)
      return { ok: false, error: { field: e.field, message: clip(e.message, 300) } };
    return {
      ok: false,
      error: { field: 'story', message: clip(`unreadable story link (${String(e)})`, 200) },
    };
  }
}

function readStory(input: string): StoryResult {
  const body = input.startsWith('#') ? input.slice(1) : input;
  const [version, ...tokens] = body.split('&');
  if (version !== PREFIX) {
    const v = version.slice(5);
    const newer = /^[0-9]+$/.test(v) && Number(v) > STORY_VERSION;
    throw new StoryError(
      'story',
      newer
        ? `this story is for version ${clip(v)}, newer than this app supports (${STORY_VERSION})`
        : 'not a story link (it should start with story1)',
    );
  }
  const story: Story = { title: '', scenes: [] };
  let at = 1;
  for (const token of tokens) {
    if (token === '') continue;
    const eq = token.indexOf('=');
    if (eq < 0) throw new StoryError('story', `${quote(token)} is not key=value`);
    const key = token.slice(0, eq);
    const field = story.scenes.length > 0 ? `story.scenes[${story.scenes.length - 1}]` : 'story';
    const value = decodeValue(token.slice(eq + 1), field);
    switch (key) {
      case 'title':
        if (value.length > MAX_TITLE)
          throw new StoryError('story.title', `longer than ${MAX_TITLE} characters`);
        story.title = value;
        break;
      case 'scene': {
        if (story.scenes.length >= MAX_SCENES)
          throw new StoryError('story.scenes', `more than ${MAX_SCENES} scenes`);
        const i = story.scenes.length;
        const link = value.startsWith('#') ? value.slice(1) : value;
        const r = decodeScenario(link);
        if (!r.ok) throw new StoryError(`story.scenes[${i}].${r.error.field}`, r.error.message);
        story.scenes.push({ link, caption: '' });
        break;
      }
      case 'cap': {
        const scene = story.scenes[story.scenes.length - 1];
        if (!scene) throw new StoryError('story', 'a caption (cap=) before the first scene');
        if (value.length > MAX_CAPTION)
          throw new StoryError(`${field}.caption`, `longer than ${MAX_CAPTION} characters`);
        scene.caption = value;
        break;
      }
      case 'at': {
        const k = /^[0-9]{1,3}$/.test(value) ? Number(value) : Number.NaN;
        if (!(k >= 1)) throw new StoryError('story.at', `${quote(value)} is not a scene number (1, 2, …)`);
        at = k;
        break;
      }
      default:
        throw new StoryError('story', `unknown key ${quote(key)} in the story link`);
    }
  }
  if (story.scenes.length === 0) throw new StoryError('story.scenes', 'a story needs at least one scene');
  return { ok: true, story, at: Math.min(at, story.scenes.length) - 1 };
}
