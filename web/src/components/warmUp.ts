// warmUp.ts: the map's WebGL programs drawn once each, ahead of the
// picture, one per frame.
//
// Compiling a WebGL program costs little on the main thread; the cost
// comes at its first draw, when the GPU process builds the program's
// pipeline. With no GPU (SwiftShader, as in headless chromium here) that
// build takes tens of milliseconds a program, and the page's main thread
// waits for it when the frame is composited (the canvas is read back).
// Drawn all at once, the nodes, their picking pass and the two kinds of tie
// made one task of 115–328 ms while the picture travelled; drawn one per
// frame, each waits only for its own.
import Graph from 'graphology';
import type Sigma from 'sigma';

/** Step is a piece of work that gets a task and a frame of its own. */
export type Step = () => void;

/** nextFrame resolves in a new task after the next frame has been rendered. */
export function nextFrame(): Promise<void> {
  return new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
}

/**
 * inFrames runs the steps in order, each in a task of its own after a
 * frame has been rendered (the first too, so that it does not add its
 * drawing to the caller's task, which sets up the map), and stops as soon as alive() is false
 * (checked before each step). It resolves with the number of steps run.
 */
export async function inFrames(steps: Step[], alive: () => boolean, frame: () => Promise<void> = nextFrame): Promise<number> {
  let ran = 0;
  for (const step of steps) {
    await frame();
    if (!alive()) break;
    step();
    ran++;
  }
  return ran;
}

const CLEAR = 'rgba(0,0,0,0)';

/**
 * warmUpSteps are the steps that draw, with invisible items, each program
 * the map uses: the ringed nodes, their picking pass, the ties drawn as
 * quads ('line') and as hairlines ('thin'); the last step hands sigma back
 * the graph it had (empty, waiting for the picture).
 */
export function warmUpSteps(s: Sigma, drawPicking: () => void, restore: Graph): Step[] {
  const g = new Graph({ type: 'undirected', multi: false });
  return [
    () => {
      g.addNode('a', { x: 0, y: 0, size: 1, color: CLEAR, ringColor: CLEAR, ring: 0.3, gap: 0.1 });
      g.addNode('b', { x: 1, y: 1, size: 1, color: CLEAR, ringColor: CLEAR, ring: 0.3, gap: 0.1 });
      g.addNode('c', { x: 1, y: 0, size: 1, color: CLEAR, ringColor: CLEAR });
      s.setGraph(g);
    },
    drawPicking,
    () => {
      g.addEdge('a', 'b', { type: 'line', size: 1, color: CLEAR });
      s.refresh();
    },
    () => {
      g.addEdge('b', 'c', { type: 'thin', size: 1, color: CLEAR });
      s.refresh();
    },
    () => s.setGraph(restore),
  ];
}
