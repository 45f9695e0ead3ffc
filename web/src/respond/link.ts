// link.ts keeps the survey link's token: read once from the URL's fragment
// (which browsers never send to a server), then kept in sessionStorage only
// and removed from the address bar, so it is in no history entry, bookmark
// or screenshot of the address; it travels only as a Bearer credential.

const KEY = 'voicemap.surveyLink';
const TOKEN = /^vs_[0-9a-f]{64}$/;

/** takeLink moves a token from the fragment into sessionStorage and returns the token held (null when none). */
export function takeLink(): string | null {
  const frag = location.hash.replace(/^#/, '');
  if (frag !== '') {
    if (TOKEN.test(frag)) sessionStorage.setItem(KEY, frag);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(KEY);
}

/** forgetLink drops the token (a link the server no longer accepts). */
export function forgetLink(): void {
  sessionStorage.removeItem(KEY);
}
