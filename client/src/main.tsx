// The base sheet first, so each feature's own sheet (imported by its component) builds on it.
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { EmbedApp, isEmbed } from './embed/EmbedApp.js';
import { applyThemeToDocument } from './state/theme.js';
import { startUrlSync } from './state/url.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
applyThemeToDocument();
// The URL is read into the view store before the first render, so a shared link opens as its view.
startUrlSync();
createRoot(root).render(<StrictMode>{isEmbed(location.pathname) ? <EmbedApp /> : <App />}</StrictMode>);
