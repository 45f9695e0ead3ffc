import { useState } from 'preact/hooks';
import { setKey } from '../auth';

/** Login asks for an API key once; it is kept in sessionStorage only. */
export function Login(props: { message?: string; onKey: () => void }) {
  const [key, setValue] = useState('');
  return (
    <main class="login" id="main">
      <h1>voicemap</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!key.trim()) return;
          setKey(key);
          props.onKey();
        }}
      >
        <label for="api-key">API key</label>
        <input id="api-key" type="password" autocomplete="off" spellcheck={false} value={key} onInput={(e) => setValue((e.target as HTMLInputElement).value)} placeholder="vm_…" />
        <button type="submit">Open the dashboard</button>
        <p class="note">The key stays in this browser tab only (sessionStorage) and is sent to this server alone.</p>
        {props.message && (
          <p class="error" role="alert">
            {props.message}
          </p>
        )}
      </form>
    </main>
  );
}
