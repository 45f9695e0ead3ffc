// auth.ts keeps the API key in sessionStorage only: typed once per tab,
// never in the URL, a cookie or localStorage, gone when the tab closes.

const KEY = 'voicemap.apiKey';

export function getKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function setKey(key: string): void {
  sessionStorage.setItem(KEY, key.trim());
}

export function clearKey(): void {
  sessionStorage.removeItem(KEY);
}
