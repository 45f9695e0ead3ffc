// PersonPicker answers one name-generator question: search the people of
// the survey's place by name (at least 2 letters, at most 10 shown, names
// only), or add someone new by a name or description.
import { useEffect, useState } from 'preact/hooks';
import { NameSearchDocument, type NameSearchQuery } from '../generated/graphql';
import { asApiError, call } from './call';
import type { Named } from './answers';

export function PersonPicker(props: { questionId: string; prompt: string; index: number; named: Named[]; onChange: (named: Named[]) => void }) {
  const { questionId, named, index } = props;
  const [text, setText] = useState('');
  const [found, setFound] = useState<NameSearchQuery['nameSearch'] | null>(null);
  const [status, setStatus] = useState('');
  const [label, setLabel] = useState('');
  useEffect(() => {
    const t = text.trim();
    if (t.length < 2) {
      setFound(null);
      setStatus('');
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      call(NameSearchDocument, { text: t }).then(
        (d) => {
          if (!live) return;
          setFound(d.nameSearch);
          setStatus(d.nameSearch.length === 0 ? `Nobody found for “${t}”.` : `${d.nameSearch.length} found.`);
        },
        (err: unknown) => live && setStatus(`The search did not work: ${asApiError(err).message}`),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  const mine = named.filter((n) => n.questionId === questionId);
  const add = (n: Named) => {
    props.onChange([...named, n]);
    setText('');
    setFound(null);
  };
  const remove = (n: Named) => props.onChange(named.filter((x) => x !== n));
  const sid = `search-${index}`;
  const lid = `new-${index}`;
  return (
    <fieldset class="question" data-testid={`question-${questionId}`}>
      <legend>{props.prompt}</legend>
      {mine.length === 0 ? (
        <p class="hint">Nobody named yet. You can name as many people as you like, or nobody.</p>
      ) : (
        <ul class="chosen" aria-label="People you named">
          {mine.map((n) => (
            <li>
              <span>{n.shown}</span>
              <button type="button" class="small" onClick={() => remove(n)}>
                Remove<span class="sr"> {n.shown}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <label for={sid}>Search for someone by name</label>
      <input id={sid} type="search" autocomplete="off" value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <p class="hint" role="status" aria-live="polite">
        {status}
      </p>
      {found && found.length > 0 && (
        <ul class="results" aria-label="People found">
          {found
            .filter((p) => !mine.some((n) => n.personId === p.id))
            .map((p) => (
              <li>
                <button type="button" onClick={() => add({ questionId, personId: p.id, shown: p.name })}>
                  Add {p.name}
                </button>
              </li>
            ))}
        </ul>
      )}
      <label for={lid}>Not found? Add them by a name or a short description</label>
      <div class="inline">
        <input id={lid} type="text" autocomplete="off" maxLength={100} value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        <button
          type="button"
          disabled={label.trim() === ''}
          onClick={() => {
            add({ questionId, label: label.trim(), shown: label.trim() });
            setLabel('');
          }}
        >
          Add
        </button>
      </div>
    </fieldset>
  );
}
