// Unit tests of inFrames, the runner that gives each warm-up step a frame
// of its own and stops when the map no longer needs it.
import { describe, expect, it } from 'vitest';
import { inFrames } from './warmUp';

describe('inFrames', () => {
  it('runs every step in order, one frame after another', async () => {
    const log: string[] = [];
    const frame = async () => void log.push('frame');
    const ran = await inFrames([() => log.push('a'), () => log.push('b'), () => log.push('c')], () => true, frame);
    expect(ran).toBe(3);
    expect(log).toEqual(['frame', 'a', 'frame', 'b', 'frame', 'c']);
  });

  it('stops before the next step once alive() turns false', async () => {
    const log: string[] = [];
    let alive = true;
    let frames = 0;
    const frame = async () => {
      // The picture arrives while the first step's frame is drawn.
      if (++frames === 2) alive = false;
    };
    const ran = await inFrames([() => log.push('a'), () => log.push('b')], () => alive, frame);
    expect(ran).toBe(1);
    expect(log).toEqual(['a']);
  });

  it('runs nothing for a map already drawn', async () => {
    const ran = await inFrames([() => expect.fail('ran')], () => false, async () => undefined);
    expect(ran).toBe(0);
  });
});
