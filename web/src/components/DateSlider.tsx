import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate, nearestStep } from '../dates';

/** PLAY_STEP_MS is how long each step of a play shows; a step is three months. */
const PLAY_STEP_MS = 1200;

/** DateSlider chooses the as-of date among steps, and can play through them. */
export function DateSlider(props: { steps: string[]; value: string; onChange: (d: string, dragging: boolean) => void }) {
  const { steps, value, onChange } = props;
  const idx = nearestStep(steps, value);
  const [playing, setPlaying] = useState(false);
  const at = useRef(idx);
  at.current = idx;
  useEffect(() => {
    if (!playing) return;
    const t = setInterval(() => {
      const next = Math.min(steps.length - 1, at.current + 3);
      onChange(steps[next], false);
      if (next >= steps.length - 1) setPlaying(false);
    }, PLAY_STEP_MS);
    return () => clearInterval(t);
  }, [playing, steps, onChange]);
  return (
    <div class="control slider">
      <label for="asof">As of</label>
      <input
        id="asof"
        type="range"
        min={0}
        max={steps.length - 1}
        step={1}
        value={idx}
        aria-valuetext={formatDate(steps[idx])}
        onInput={(e) => onChange(steps[Number((e.target as HTMLInputElement).value)], true)}
        onChange={(e) => onChange(steps[Number((e.target as HTMLInputElement).value)], false)}
      />
      <output for="asof" data-testid="asof">
        {formatDate(value)}
      </output>
      <button
        type="button"
        class="play"
        aria-pressed={playing}
        onClick={() => {
          if (!playing && idx >= steps.length - 1) onChange(steps[0], false);
          setPlaying(!playing);
        }}
      >
        {playing ? 'Pause' : 'Play'}
      </button>
    </div>
  );
}
