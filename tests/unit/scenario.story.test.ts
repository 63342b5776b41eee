/**
 * Story links (a list of scenes, each a share link and a caption): round trips with awkward
 * captions, the scene to open, errors that name the scene and field, and a fuzz of mangled story
 * links (never throws, one-line errors). Cost: < 1 s.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeStory,
  encodeStory,
  isStoryLink,
  MAX_SCENES,
  type Story,
} from '../../src/model/scenario/story';

const story: Story = {
  title: 'A walk through the paper',
  scenes: [
    { link: 'v1&d=0.05&n=800&play=1', caption: 'Large δ: particles follow the PDE (Thm 3.3) & more = fine' },
    { link: 'v1&d=1e-7&n=1000&i=dipoles&view=density', caption: 'Short dipoles ~ 100% "bound"; κ ≠ 0 #1' },
    { link: 'v1', caption: '' },
  ],
};

describe('story links', () => {
  it('round-trip titles, captions with &, =, #, ~ and unicode, and the scene to open', () => {
    for (const at of [0, 1, 2]) {
      const text = encodeStory(story, at);
      expect(isStoryLink(text)).toBe(true);
      expect(isStoryLink(`#${text}`)).toBe(true);
      const r = decodeStory(`#${text}`);
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.story).toEqual(story);
        expect(r.at).toBe(at);
      }
    }
    expect(encodeStory(story)).not.toContain('at=');
    expect(isStoryLink('v1&d=0.1')).toBe(false);
    expect(isStoryLink('storyline=1')).toBe(false);
  });

  it('round-trips generated stories', () => {
    const scene = fc.record({
      link: fc.constantFrom(
        'v1',
        'v1&n=10',
        'v1&g=slip&view=side&map=rhoPlus',
        'v1&P=0.1,0.2,1;0.3,0.4,-1&i=explicit',
      ),
      caption: fc.string({ maxLength: 60, unit: 'binary' }),
    });
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40, unit: 'grapheme' }),
        fc.array(scene, { minLength: 1, maxLength: 6 }),
        (title, scenes) => {
          const r = decodeStory(encodeStory({ title, scenes }));
          return r.ok && JSON.stringify(r.story) === JSON.stringify({ title, scenes });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names the scene and the field of a bad scene, and refuses what is not a story', () => {
    const bad = encodeStory({
      title: '',
      scenes: [
        { link: 'v1', caption: '' },
        { link: 'v1&n=1', caption: '' },
      ],
    });
    const r = decodeStory(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe('story.scenes[1].n');
    const cases: [string, RegExp][] = [
      ['story2&scene=v1', /newer than this app supports/],
      ['storyx&scene=v1', /not a story link/],
      ['story1', /at least one scene/],
      ['story1&cap=hello&scene=v1', /before the first scene/],
      ['story1&scene=v1&at=0', /not a scene number/],
      ['story1&scene=v1&zoom=3', /unknown key/],
      ['story1&scene=%zz', /percent-encoding/],
      ['story1&scene=v1&oops', /not key=value/],
      [`story1${'&scene=v1'.repeat(MAX_SCENES + 1)}`, /more than 40 scenes/],
    ];
    for (const [text, re] of cases) {
      const res = decodeStory(text);
      expect(res.ok, text).toBe(false);
      if (!res.ok) expect(res.error.message, text).toMatch(re);
    }
    const far = decodeStory('story1&scene=v1&scene=v1&at=9');
    expect(far.ok && far.at).toBe(1);
  });

  it('never throws on mangled story links; errors are one short line', () => {
    const base = encodeStory(story, 1);
    fc.assert(
      fc.property(fc.nat(), fc.string({ maxLength: 4 }), fc.nat(8), (at, insert, cut) => {
        const i = at % (base.length + 1);
        const text = base.slice(0, i) + insert + base.slice(i + cut);
        const r = decodeStory(text);
        return r.ok || (r.error.message.length <= 300 && !r.error.message.includes('\n'));
      }),
      { numRuns: 1000 },
    );
  });
});
