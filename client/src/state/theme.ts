import { create } from 'zustand';
import type { Theme } from '../graph/style.js';

export type ThemePreference = 'system' | Theme;

const KEY = 'trove.theme';
const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

function stored(): ThemePreference {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

function resolve(preference: ThemePreference): Theme {
  if (preference !== 'system') return preference;
  return media?.matches ? 'dark' : 'light';
}

interface ThemeState {
  preference: ThemePreference;
  theme: Theme;
  setPreference(preference: ThemePreference): void;
}

/** The colour theme: the system's (prefers-color-scheme) until the user picks one, which is remembered. */
export const useTheme = create<ThemeState>()((set) => ({
  preference: stored(),
  theme: resolve(stored()),
  setPreference: (preference) => {
    try {
      if (preference === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, preference);
    } catch {
      // Private modes may refuse storage; the choice then lasts for this page only.
    }
    set({ preference, theme: resolve(preference) });
  },
}));

media?.addEventListener('change', () => {
  const { preference } = useTheme.getState();
  useTheme.setState({ theme: resolve(preference) });
});

/** Mirrors the theme onto <html data-theme>, which the stylesheet keys its colours on. */
export function applyThemeToDocument(): () => void {
  const apply = () => {
    document.documentElement.dataset.theme = useTheme.getState().theme;
  };
  apply();
  return useTheme.subscribe(apply);
}
