import { mount } from 'svelte';
import App from './App.svelte';
import { requestEarly } from './lib/early-requests.js';
import { router } from './lib/router.svelte.js';
import { loadView } from './views/views.js';

// The first page's code and data start loading now, beside the session check, not after it.
void loadView(router.route)?.catch(() => undefined);
requestEarly(router.route, router.search);

mount(App, { target: document.getElementById('app')! });
